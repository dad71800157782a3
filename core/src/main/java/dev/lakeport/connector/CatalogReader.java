package dev.lakeport.connector;

import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a catalog. Paging and parallel segments stay inside; callers see streams, which must be closed (use
 * try-with-resources) so that background page fetches stop. Every method throws {@link ConnectorException} only.
 */
public interface CatalogReader extends AutoCloseable {

    /** Cheap reachability and credential check: the number of databases, or a clear {@link ConnectorException}. */
    default int databaseCount() {
        try (Stream<Database> databases = databases()) {
            return (int) databases.count();
        }
    }

    Stream<Database> databases();

    Optional<Database> database(String name);

    Stream<Table> tables(String database);

    Optional<Table> table(String database, String name);

    /**
     * All partitions of a table, or those matching {@code expression} (Glue Expression grammar, pushed down where
     * the catalog supports it). The order is unspecified.
     */
    Stream<Partition> partitions(Table table, Optional<String> expression);

    /** The named partitions that exist; missing ones are left out. */
    List<Partition> partitions(Table table, List<List<String>> values);

    Stream<Function> functions(String database);

    Optional<Function> function(String database, String name);

    @Override
    void close();
}
