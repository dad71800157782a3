package dev.lakeport.app.pages.browse;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.TableSummary;

/** What one node of the browsing tree stands for. */
public sealed interface BrowseItem {
    /** The tree's invisible root: the databases of one side. */
    record Root() implements BrowseItem {}

    /** A database; {@code matchingTables} is how many of its tables match the search (all when not searching). */
    record DatabaseItem(DatabaseSummary summary, long matchingTables) implements BrowseItem {
        public DatabaseItem {
            requireNonNull(summary, "summary is null");
        }
    }

    /** The functions of a database, as one folder. */
    record FunctionsItem(String database, long count) implements BrowseItem {
        public FunctionsItem {
            requireNonNull(database, "database is null");
        }
    }

    record FunctionItem(Function function) implements BrowseItem {
        public FunctionItem {
            requireNonNull(function, "function is null");
        }
    }

    record TableItem(TableSummary summary) implements BrowseItem {
        public TableItem {
            requireNonNull(summary, "summary is null");
        }

        public Table table() {
            return summary.table();
        }
    }

    /** A partition, with its table for the names of the partition keys. */
    record PartitionItem(Table table, Partition partition) implements BrowseItem {
        public PartitionItem {
            requireNonNull(table, "table is null");
            requireNonNull(partition, "partition is null");
        }
    }

    /** "Load more…": the next page of its parent's children; {@code shown} of {@code total} are in the tree. */
    record MoreItem(long shown, long total) implements BrowseItem {}

    /** A line of text in the tree: "Loading…", "No tables match", an error. */
    record MessageItem(String text, boolean loading) implements BrowseItem {
        public MessageItem {
            requireNonNull(text, "text is null");
        }
    }
}
