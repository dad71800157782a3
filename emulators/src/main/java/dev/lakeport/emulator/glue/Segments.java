package dev.lakeport.emulator.glue;

/**
 * Assigns a partition to one of GetPartitions' segments by a stable hash of its values, so a segment's members never
 * change while the partition exists and segments together cover the table without overlap.
 */
final class Segments {
    private Segments() {}

    static int of(String[] values, int totalSegments) {
        int h = 1;
        for (String value : values) {
            h = 31 * h + value.hashCode();
        }
        // Spread the bits so that values differing in one character land in different segments.
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return Math.floorMod(h, totalSegments);
    }
}
