package dev.lakeport.snapshot;

import dev.lakeport.model.ObjectKey;
import java.util.Arrays;
import java.util.List;

/**
 * Up to {@link #CAPACITY} partitions of one table with consecutive keys, stored as one row: one row per partition
 * costs H2 more per row than the fingerprinting costs per partition, while one row per chunk makes the import
 * bound by the reader and the fingerprint only. Keys are prefix-compressed (sorted keys share long prefixes) and the
 * chunk is deflated.
 *
 * <p>Holds the partition values key ({@link #partKey}), the fingerprint and the encoded body of each.
 */
final class PartitionChunk {
    static final int CAPACITY = 256;

    final String[] keys;
    final long[] fingerprints;
    /** Null when decoded without bodies (scans need keys and fingerprints only). */
    final byte[][] bodies;

    PartitionChunk(String[] keys, long[] fingerprints, byte[][] bodies) {
        this.keys = keys;
        this.fingerprints = fingerprints;
        this.bodies = bodies;
    }

    int size() {
        return keys.length;
    }

    String lastKey() {
        return keys[keys.length - 1];
    }

    /** Index of {@code key}, or a negative number if absent (as {@link Arrays#binarySearch}). */
    int indexOf(String key) {
        return Arrays.binarySearch(keys, key);
    }

    /** A partition's values key: its values joined by {@link ObjectKey#SEPARATOR}, the key chunks are sorted by. */
    static String partKey(List<String> values) {
        return String.join(String.valueOf(SnapshotStore.VALUE_SEPARATOR), values);
    }

    static List<String> values(String partKey) {
        if (partKey.indexOf(SnapshotStore.VALUE_SEPARATOR) < 0) {
            return List.of(partKey);
        }
        return List.of(partKey.split(String.valueOf(SnapshotStore.VALUE_SEPARATOR), -1));
    }

    static byte[] encode(String[] keys, long[] fingerprints, byte[][] bodies, int from, int to) {
        BodyOut out = new BodyOut(64 * (to - from) + 16);
        out.writeVarInt(to - from);
        String previous = "";
        for (int i = from; i < to; i++) {
            String key = keys[i];
            int shared = sharedPrefix(previous, key);
            out.writeVarInt(shared);
            out.writeString(key.substring(shared));
            out.writeLong(fingerprints[i]);
            out.writeBytes(bodies[i]);
            previous = key;
        }
        return out.finish();
    }

    static PartitionChunk decode(byte[] blob, boolean withBodies) {
        BodyIn in = new BodyIn(blob);
        int n = in.readVarInt();
        String[] keys = new String[n];
        long[] fingerprints = new long[n];
        byte[][] bodies = withBodies ? new byte[n][] : null;
        String previous = "";
        for (int i = 0; i < n; i++) {
            int shared = in.readVarInt();
            String suffix = in.readString();
            String key = shared == 0 ? suffix : previous.substring(0, shared) + suffix;
            keys[i] = key;
            fingerprints[i] = in.readLong();
            if (withBodies) {
                bodies[i] = in.readBytes();
            } else {
                in.skipBytes();
            }
            previous = key;
        }
        return new PartitionChunk(keys, fingerprints, bodies);
    }

    private static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // Never split a surrogate pair: the suffix is written as UTF-8.
        if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
