package dev.lakeport.load;

import dev.lakeport.model.Table;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What a load reads: which databases, tables and functions, and which partitions of each table. */
public interface LoadScope {
    LoadScope ALL = new LoadScope() {};

    default boolean includesDatabase(String database) {
        return true;
    }

    default boolean includesTable(String database, String table) {
        return true;
    }

    default boolean includesFunction(String database, String function) {
        return true;
    }

    /** Whether functions are read at all ({@code lakeport.functions}); false: the catalog is never asked for them. */
    default boolean includesFunctions() {
        return true;
    }

    /** Whether partitions are read at all (the seed's {@code comparePartition}). */
    default boolean includesPartitions() {
        return true;
    }

    /** An expression in Glue's partition grammar to push down to the catalog, if the table is filtered. */
    default Optional<String> partitionExpression(Table table) {
        return Optional.empty();
    }

    /** The same filter evaluated locally on partition values, so that every catalog honours it exactly. */
    default Optional<Predicate<List<String>>> partitionPredicate(Table table) {
        return Optional.empty();
    }
}
