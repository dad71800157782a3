package dev.lakeport.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads an object body that {@link BodyOut} wrote, inflating it first when it was deflated. A body that ends early or
 * holds what no writer writes is a {@link SnapshotException}.
 */
final class BodyIn {
    private final byte[] buf;
    private int pos;

    BodyIn(byte[] body) {
        if (body.length == 0) {
            throw new SnapshotException("empty object body in the snapshot");
        }
        this.buf = body[0] == BodyOut.DEFLATED ? inflate(body) : body;
        this.pos = body[0] == BodyOut.DEFLATED ? 0 : 1;
    }

    private static byte[] inflate(byte[] body) {
        int[] offset = {1};
        long length = readVarLong(body, offset);
        byte[] plain = new byte[(int) length];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, offset[0], body.length - offset[0]);
            int n = 0;
            while (n < plain.length) {
                int read = inflater.inflate(plain, n, plain.length - n);
                if (read == 0 && (inflater.finished() || inflater.needsInput())) {
                    break;
                }
                n += read;
            }
            if (n != plain.length) {
                throw new SnapshotException("a compressed object body in the snapshot is truncated");
            }
            return plain;
        } catch (DataFormatException e) {
            throw new SnapshotException("a compressed object body in the snapshot is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    private static long readVarLong(byte[] src, int[] offset) {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = src[offset[0]++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    byte readByte() {
        return buf[pos++];
    }

    long readLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    byte[] readBytes() {
        int n = readVarInt();
        byte[] bytes = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return bytes;
    }

    void skipBytes() {
        int n = readVarInt();
        pos += n;
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    long readVarLong() {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    int readVarInt() {
        return (int) readVarLong();
    }

    String readString() {
        long prefix = readVarLong();
        int n = (int) (prefix >>> 1);
        String s;
        if ((prefix & 1) == 0) {
            s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
        } else {
            s = new String(buf, pos, n, StandardCharsets.UTF_8);
        }
        pos += n;
        return s;
    }

    Optional<String> readOptional() {
        return readBoolean() ? Optional.of(readString()) : Optional.empty();
    }

    List<String> readStrings() {
        int n = readVarInt();
        if (n == 0) {
            return List.of();
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString());
        }
        return list;
    }

    Map<String, String> readMap() {
        int n = readVarInt();
        if (n == 0) {
            return Map.of();
        }
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(), readString());
        }
        return map;
    }

    Optional<Instant> readInstant() {
        byte kind = readByte();
        if (kind == 0) {
            return Optional.empty();
        }
        long seconds = unZigZag(readVarLong());
        int nanos = kind == 2 ? readVarInt() : 0;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
