package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.TableSummary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Splits what a job selected into tasks, from the SOURCE side of the project's snapshot: tables and partitions as they
 * were loaded, sized by their statistics ({@code totalSize}, {@code numRows}) with the job's {@link TaskSplitter}.
 * Tasks come table by table, partitions in key order (or in the order the user named them). A partitioned table
 * without partitions is one task of the metadata step alone (none in a data-only job).
 */
public final class JobPlanner {
    static final int PAGE = 1_000;
    private static final int BATCH = 100;

    private final SnapshotStore snapshot;

    public JobPlanner(SnapshotStore snapshot) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
    }

    /**
     * The tasks of {@code spec}'s selection.
     *
     * @throws IllegalArgumentException naming a database, table or partition the snapshot's source side does not hold,
     *     or a table whose partitions were only partly loaded
     */
    public List<PlannedTask> plan(JobSpec spec) {
        requireNonNull(spec, "spec is null");
        TaskSplitter splitter = spec.splitter();
        List<TaskStep> steps = spec.mode().steps();
        List<PlannedTask> tasks = new ArrayList<>();
        JobSelection selection = spec.selection();
        if (selection instanceof JobSelection.Databases d) {
            for (String database : d.names()) {
                if (snapshot.database(Side.SOURCE, database).isEmpty()) {
                    throw new IllegalArgumentException("the source has no database " + database
                            + " (as last loaded); load the source again or choose another");
                }
                for (Table table : tables(database)) {
                    add(tasks, splitter.split(table, partitions(table), keptKeys(table)), table, steps);
                }
            }
        } else if (selection instanceof JobSelection.Tables t) {
            for (JobSelection.TableName name : t.tables()) {
                Table table = table(name);
                add(tasks, splitter.split(table, partitions(table), keptKeys(table)), table, steps);
            }
        } else if (selection instanceof JobSelection.Partitions p) {
            Table table = table(p.table());
            if (table.partitionKeys().isEmpty()) {
                throw new IllegalArgumentException(
                        "the source table " + p.table() + " has no partitions; select the whole table");
            }
            int kept = keptKeys(table);
            List<Partition> named = named(table, p.values());
            add(
                    tasks,
                    splitter.split(
                            table,
                            kept < table.partitionKeys().size()
                                    ? wholeDestinationPartitions(table, named, kept)
                                    : named,
                            kept),
                    table,
                    steps);
        }
        return List.copyOf(tasks);
    }

    /**
     * Adds a table's tasks. A partitioned table without partitions has no data to copy, but when the job creates
     * metadata it is one task still, so that the table exists at the destination.
     */
    private static void add(List<PlannedTask> out, List<TaskSplitter.Task> split, Table table, List<TaskStep> steps) {
        if (split.isEmpty()) {
            if (steps.contains(TaskStep.METADATA)) {
                out.add(new PlannedTask(
                        table.databaseName(),
                        table.name(),
                        List.of(),
                        OptionalLong.of(0),
                        OptionalLong.of(0),
                        List.of(TaskStep.METADATA)));
            }
            return;
        }
        split.forEach(task -> out.add(PlannedTask.of(task, steps)));
    }

    private List<Table> tables(String database) {
        List<Table> tables = new ArrayList<>();
        for (long offset = 0; ; offset += PAGE) {
            List<TableSummary> page = snapshot.tables(Side.SOURCE, database, "", offset, PAGE);
            for (TableSummary s : page) {
                requireComplete(s);
                tables.add(s.table());
            }
            if (page.size() < PAGE) {
                return tables;
            }
        }
    }

    private Table table(JobSelection.TableName name) {
        Table table = snapshot.table(Side.SOURCE, name.database(), name.table())
                .orElseThrow(() -> new IllegalArgumentException("the source has no table " + name
                        + " (as last loaded); load the source again or choose another"));
        if (!table.partitionKeys().isEmpty()) {
            snapshot.tables(Side.SOURCE, name.database(), name.table(), 0, PAGE).stream()
                    .filter(s -> s.table().name().equals(table.name()))
                    .forEach(JobPlanner::requireComplete);
        }
        return table;
    }

    private static void requireComplete(TableSummary s) {
        if (!s.partitionsComplete() && !s.table().partitionKeys().isEmpty()) {
            throw new IllegalArgumentException("the partitions of " + s.table().databaseName() + "."
                    + s.table().name() + " were only partly loaded (the load was interrupted); load the source again");
        }
    }

    /** The table's partitions, a page at a time, in key order. */
    private Iterable<Partition> partitions(Table table) {
        if (table.partitionKeys().isEmpty()) {
            return List.of();
        }
        return () -> new Iterator<>() {
            private List<Partition> page = List.of();
            private int next;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (last) {
                    return false;
                }
                Optional<List<String>> after = page.isEmpty()
                        ? Optional.empty()
                        : Optional.of(page.get(page.size() - 1).values());
                page = snapshot.partitions(Side.SOURCE, table.databaseName(), table.name(), after, PAGE);
                next = 0;
                last = page.size() < PAGE;
                return !page.isEmpty();
            }

            @Override
            public Partition next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }

    /**
     * How many of the table's partition keys stay partition keys at the destination: fewer where the route folds the
     * trailing ones into columns (the table as mapped has fewer keys).
     */
    private int keptKeys(Table table) {
        return snapshot.get(Side.SOURCE, ObjectKey.table(table.databaseName(), table.name()))
                .filter(Table.class::isInstance)
                .map(t -> ((Table) t).partitionKeys().size())
                .orElse(table.partitionKeys().size());
    }

    /**
     * Every source partition of the destination partitions the named ones go into, in key order: one overwrite
     * session replaces a destination partition, so copying some of its source partitions alone would drop the others'
     * rows.
     */
    private List<Partition> wholeDestinationPartitions(Table table, List<Partition> named, int kept) {
        java.util.Set<List<String>> prefixes = new java.util.LinkedHashSet<>();
        named.forEach(p -> prefixes.add(List.copyOf(p.values().subList(0, kept))));
        List<Partition> out = new ArrayList<>();
        for (List<String> prefix : prefixes) {
            Optional<List<String>> after = Optional.of(prefix);
            boolean more = true;
            while (more) {
                List<Partition> page =
                        snapshot.partitions(Side.SOURCE, table.databaseName(), table.name(), after, PAGE);
                for (Partition p : page) {
                    if (!p.values().subList(0, kept).equals(prefix)) {
                        more = false;
                        break;
                    }
                    out.add(p);
                }
                if (page.size() < PAGE) {
                    more = false;
                } else {
                    after = Optional.of(page.get(page.size() - 1).values());
                }
            }
        }
        return out;
    }

    /** The partitions the user named, in that order; every one must exist. */
    private List<Partition> named(Table table, List<List<String>> values) {
        List<Partition> found = new ArrayList<>();
        List<List<String>> missing = new ArrayList<>();
        for (int i = 0; i < values.size(); i += BATCH) {
            List<List<String>> batch = values.subList(i, Math.min(values.size(), i + BATCH));
            Map<ObjectKey, Partition> got = snapshot.getManyRaw(Side.SOURCE, table.databaseName(), table.name(), batch);
            for (List<String> v : batch) {
                Partition p = got.get(ObjectKey.partition(table.databaseName(), table.name(), v));
                if (p == null) {
                    missing.add(v);
                } else {
                    found.add(p);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the source table " + table.databaseName() + "." + table.name()
                    + " has no partition " + missing.subList(0, Math.min(5, missing.size()))
                    + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "")
                    + " (as last loaded; values in the order of its keys "
                    + table.partitionKeys().stream().map(c -> c.name()).toList()
                    + ")");
        }
        return found;
    }
}
