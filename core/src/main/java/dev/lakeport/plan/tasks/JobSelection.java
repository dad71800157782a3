package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the user chose to migrate: whole databases, some tables, or some partitions of one table. Names are as the
 * source catalog spells them.
 */
public sealed interface JobSelection {

    /** Every table of these databases. */
    record Databases(List<String> names) implements JobSelection {
        public Databases {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a selection of databases names at least one");
            }
        }
    }

    /** These tables, each whole. */
    record Tables(List<TableName> tables) implements JobSelection {
        public Tables {
            tables = List.copyOf(tables);
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("a selection of tables names at least one");
            }
        }
    }

    /** These partitions of one table, by their values in the order of the table's partition keys. */
    record Partitions(TableName table, List<List<String>> values) implements JobSelection {
        public Partitions {
            requireNonNull(table, "table is null");
            values = values.stream().map(List::copyOf).toList();
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a selection of partitions of " + table + " names at least one");
            }
        }
    }

    /** A table of a database. */
    record TableName(String database, String table) {
        public TableName {
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
        }

        @Override
        public String toString() {
            return database + "." + table;
        }
    }

    static JobSelection databases(String... names) {
        return new Databases(List.of(names));
    }

    static JobSelection table(String database, String table) {
        return new Tables(List.of(new TableName(database, table)));
    }

    static JobSelection partitions(String database, String table, List<List<String>> values) {
        return new Partitions(new TableName(database, table), values);
    }
}
