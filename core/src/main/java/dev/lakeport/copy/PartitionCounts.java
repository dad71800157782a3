package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * The three numbers of one partition (or of a table without partitions): an independent count at the source, the
 * rows the writer wrote, and {@code COUNT(*)} at the destination. A number not (yet) known is empty.
 */
public record PartitionCounts(
        String table, String partition, OptionalLong source, OptionalLong written, OptionalLong destination) {
    public PartitionCounts {
        requireNonNull(table, "table is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(source, "source is null");
        requireNonNull(written, "written is null");
        requireNonNull(destination, "destination is null");
    }

    public static PartitionCounts of(String table, String partition, long source, long written, long destination) {
        return new PartitionCounts(
                table, partition, OptionalLong.of(source), OptionalLong.of(written), OptionalLong.of(destination));
    }

    /** The partition's name from its keys and values, {@code ds=2024-01-01,hh=02}, as the Tunnel names it. */
    public static String partitionName(List<String> keys, List<String> values) {
        return new TunnelTarget("-", "-", keys, values).partitionName();
    }
}
