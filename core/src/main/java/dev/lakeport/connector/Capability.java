package dev.lakeport.connector;

/** What a connector can do; the pipeline, the assessment and the Spark job ask for these instead of naming systems. */
public enum Capability {
    /** Lists and reads databases, tables, partitions and functions. */
    READ,
    /** Creates, updates and deletes them. */
    WRITE,
    /** Evaluates a partition filter on the server, so only matching partitions travel. */
    PARTITION_FILTER_PUSHDOWN,
    /** Lists one table's partitions in independent parallel splits ({@link SplittableReader}). */
    PARALLEL_SPLITS,
    /** Holds user-defined functions. */
    FUNCTIONS,
    /** Holds views. */
    VIEWS
}
