package dev.lakeport.app.pages.copy;

import dev.lakeport.app.pages.browse.BrowseItem;
import dev.lakeport.app.pages.browse.BrowseNode;
import dev.lakeport.app.pages.diff.DiffTreeNode;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.plan.tasks.JobSelection;
import java.util.List;
import java.util.Optional;

/**
 * What the user chose on the Browse or Diff page, as a job's selection: a database, a table, or one partition of a
 * table. Anything else (a function, a group of differences) chooses nothing.
 */
public final class CopySelections {
    private CopySelections() {}

    /** The Browse page's selected node, when it is a database, a table or a partition. */
    public static Optional<JobSelection> of(BrowseNode node) {
        if (node == null) {
            return Optional.empty();
        }
        BrowseItem item = node.item();
        if (item instanceof BrowseItem.DatabaseItem d) {
            return Optional.of(JobSelection.databases(d.summary().name()));
        }
        if (item instanceof BrowseItem.TableItem t) {
            return Optional.of(
                    JobSelection.table(t.table().databaseName(), t.table().name()));
        }
        if (item instanceof BrowseItem.PartitionItem p) {
            return Optional.of(JobSelection.partitions(
                    p.table().databaseName(),
                    p.table().name(),
                    List.of(p.partition().values())));
        }
        return Optional.empty();
    }

    /** The Diff page's selected difference, by its key. */
    public static Optional<JobSelection> of(DiffTreeNode node) {
        if (node == null) {
            return Optional.empty();
        }
        return node.key().flatMap(CopySelections::of);
    }

    static Optional<JobSelection> of(ObjectKey key) {
        return switch (key.kind()) {
            case DATABASE -> Optional.of(JobSelection.databases(key.database()));
            case TABLE -> Optional.of(JobSelection.table(key.database(), key.requireName()));
            case PARTITION -> Optional.of(
                    JobSelection.partitions(key.database(), key.requireName(), List.of(key.partitionValues())));
            default -> Optional.empty();
        };
    }

    /** The selection in a few words, for the page and the job's label: {@code sales.orders}. */
    public static String describe(JobSelection selection) {
        if (selection instanceof JobSelection.Databases d) {
            return String.join(", ", d.names());
        }
        if (selection instanceof JobSelection.Tables t) {
            return String.join(", ", t.tables().stream().map(Object::toString).toList());
        }
        JobSelection.Partitions p = (JobSelection.Partitions) selection;
        return p.table() + " "
                + String.join(
                        ", ", p.values().stream().map(v -> String.join("/", v)).toList());
    }
}
