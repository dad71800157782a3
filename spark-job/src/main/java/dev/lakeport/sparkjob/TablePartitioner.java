package dev.lakeport.sparkjob;

import org.apache.spark.Partitioner;

/**
 * Sends every partition of a table to the same Spark partition, so that the load batches a table's partitions at the
 * writer's limits (a batch holds one table's partitions only). A large table is not split over tasks; the executor
 * within its task still has {@code lakeport.concurrency} calls in flight.
 */
final class TablePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;

    TablePartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        String sortKey = (String) key;
        String table = Keys.tableOf(sortKey).orElse(sortKey);
        return Math.floorMod(table.hashCode(), partitions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TablePartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
