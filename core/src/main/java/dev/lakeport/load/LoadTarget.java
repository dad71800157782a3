package dev.lakeport.load;

import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.Iterator;

/**
 * Where a load writes: one side of a project's snapshot. Implementations must be thread-safe, as tables load in
 * parallel, and must drop, when the load completes, whatever the load did not put (objects that left the catalog or
 * the scope).
 */
public interface LoadTarget {

    void putDatabase(Database database);

    void putTable(Table table);

    void putFunction(Function function);

    /** Whether this load (or the interrupted one it resumes) already stored every partition of the table. */
    boolean isTableComplete(String database, String table);

    /** Replaces the table's partitions with {@code partitions} and marks the table complete; returns the count. */
    long replacePartitions(Table table, Iterator<Partition> partitions);

    /** Every object of the scope was read: drop what was not seen and mark the side complete. */
    void complete();
}
