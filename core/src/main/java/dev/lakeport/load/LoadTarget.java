package dev.lakeport.load;

import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.Iterator;
import java.util.Set;

/**
 * Where a load writes: one side of a project's snapshot. Implementations must be thread-safe, as tables load in
 * parallel.
 */
public interface LoadTarget {

    /** A load begins; {@code resume} keeps tables that an earlier, interrupted load completed. */
    void begin(boolean resume);

    void putDatabase(Database database);

    void putTable(Table table);

    void putFunction(Function function);

    /** Whether an earlier load of this side stored every partition of the table. */
    boolean isTableComplete(String database, String table);

    /** Replaces the table's partitions with {@code partitions} and marks the table complete; returns the count. */
    long replacePartitions(Table table, Iterator<Partition> partitions);

    /** Drops databases (and everything in them) not in {@code names}: they vanished from the catalog or scope. */
    void retainDatabases(Set<String> names);

    /** Drops tables (with partitions) of a database not in {@code names}. */
    void retainTables(String database, Set<String> names);

    /** Drops functions of a database not in {@code names}. */
    void retainFunctions(String database, Set<String> names);

    /** Every table of the scope was loaded: the side is complete. */
    void complete();
}
