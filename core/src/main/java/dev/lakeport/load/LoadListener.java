package dev.lakeport.load;

import dev.lakeport.progress.ProgressListener;

/**
 * What a {@link CatalogLoader} says about each database and table as it goes, beyond the plain {@link ProgressListener}
 * calls (which it keeps making): hand one to the loader as its progress listener to follow a load per database and
 * count partitions as they are read. Called from several threads at once; implementations must be thread-safe and
 * cheap.
 */
public interface LoadListener extends ProgressListener {
    /** Does nothing. */
    LoadListener NONE = new LoadListener() {};

    /** {@code progress} itself if it wants these events, otherwise {@link #NONE}. */
    static LoadListener of(ProgressListener progress) {
        return progress instanceof LoadListener listener ? listener : NONE;
    }

    /** A database in scope was listed: the load covers {@code tables} of its tables and {@code functions} functions. */
    default void databaseListed(String database, long tables, long functions) {}

    /** A database's tables or functions could not be listed; none of them is loaded. */
    default void databaseFailed(String database, String error) {}

    /** {@code count} more partitions of the table were read (reported every few hundred and at the table's end). */
    default void partitionsRead(String database, String table, long count) {}

    /**
     * A table is done: its {@code partitions} partitions are stored, or ({@code resumed}) the interrupted load this one
     * resumes had stored them already and none were read. Unpartitioned tables (and every table when partitions are
     * out of scope) report 0.
     */
    default void tableLoaded(String database, String table, long partitions, boolean resumed) {}

    /** A table's partitions could not be read; the table stays incomplete and the load with it. */
    default void tableFailed(String database, String table, String error) {}
}
