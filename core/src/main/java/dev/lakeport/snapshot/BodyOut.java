package dev.lakeport.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * Writes an object body for {@link ObjectCodec}: variable-length numbers, strings, optionals, maps and times. Grows like
 * a ByteArrayOutputStream without its synchronisation; the first byte says how the rest is stored (plain or deflated
 * above {@link ObjectCodec#COMPRESS_ABOVE} bytes).
 */
final class BodyOut {
    static final byte PLAIN = 0;
    static final byte DEFLATED = 1;

    private byte[] buf;
    private int len;

    BodyOut(int capacity) {
        buf = new byte[capacity];
        buf[0] = PLAIN;
        len = 1;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
    }

    void writeBytes(byte[] bytes) {
        writeVarInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    void writeVarInt(int v) {
        writeVarLong(v & 0xFFFFFFFFL);
    }

    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Length prefix (n << 1) for ASCII, (utf8Length << 1 | 1) otherwise: ASCII, the common case, needs no encoder. */
    void writeString(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            writeVarLong((long) n << 1);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeVarLong(((long) utf8.length << 1) | 1);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, len, utf8.length);
            len += utf8.length;
        }
    }

    void writeOptional(Optional<String> s) {
        if (s.isPresent()) {
            writeBoolean(true);
            writeString(s.get());
        } else {
            writeBoolean(false);
        }
    }

    void writeStrings(List<String> list) {
        writeVarInt(list.size());
        for (String s : list) {
            writeString(s);
        }
    }

    void writeMap(Map<String, String> map) {
        writeVarInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(e.getKey());
            writeString(e.getValue());
        }
    }

    void writeInstant(Optional<Instant> t) {
        if (t.isEmpty()) {
            writeByte(0);
        } else if (t.get().getNano() == 0) {
            writeByte(1);
            writeVarLong(zigZag(t.get().getEpochSecond()));
        } else {
            writeByte(2);
            writeVarLong(zigZag(t.get().getEpochSecond()));
            writeVarInt(t.get().getNano());
        }
    }

    byte[] finish() {
        if (len - 1 <= ObjectCodec.COMPRESS_ABOVE) {
            return Arrays.copyOf(buf, len);
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(buf, 1, len - 1);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(len / 2 + 16);
            compressed.write(DEFLATED);
            byte[] lengthPrefix = new BodyOut(8).varLongBytes(len - 1);
            compressed.write(lengthPrefix, 0, lengthPrefix.length);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                compressed.write(chunk, 0, n);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private byte[] varLongBytes(long v) {
        len = 0;
        writeVarLong(v);
        return Arrays.copyOf(buf, len);
    }

    static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
