package dev.lakeport.apply.tasks;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.copy.DestinationCounts;
import dev.lakeport.copy.MaxComputeDataPlane;
import dev.lakeport.copy.PartitionAggregates;
import dev.lakeport.copy.PartitionCounts;
import dev.lakeport.copy.SourceAggregates;
import dev.lakeport.copy.SourceData;
import dev.lakeport.copy.TunnelTarget;
import dev.lakeport.copy.Verification;
import dev.lakeport.copy.VerifiedCopy;
import dev.lakeport.mapping.ViewReferences;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskStep;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A task's work when data is copied into MaxCompute: first the metadata (the database, the table and the task's
 * partitions created where missing, through the destination's catalog writer), then the data of each partition through
 * the Tunnel (an overwrite session per partition, so a re-run replaces instead of adding), then the verification:
 * three counts per partition — {@link SourceData#count} apart from the reading, the rows written, {@code COUNT(*)} at
 * the destination from grouped queries — kept in the project. Partitions whose counts disagree are copied again alone,
 * at most {@code recopies} times; the task fails if any still disagree, naming them.
 *
 * <p>Tables and partitions come from the SOURCE side of the project's snapshot: in the source's own form for reading
 * the files (their locations), mapped to the destination's form (names, types) for the metadata and the targets.
 */
public final class CopyTaskWork implements TaskWork {
    /** Partitions read from the snapshot, or created at the destination, per call. */
    static final int BATCH = 100;

    private final SnapshotStore snapshot;
    private final CatalogReader reader;
    private final CatalogWriter writer;
    private final Optional<MaxComputeDataPlane> data;
    private final SourceData source;
    private final JobStore store;
    private final int recopies;
    private final boolean aggregates;

    /**
     * @param snapshot the project's snapshot, its mapping in force ({@link SnapshotStore#ensureMapping})
     * @param data the destination's data plane; empty for a job that copies metadata alone
     * @param recopies how often partitions whose counts disagree are copied again before the task fails
     * @param aggregates whether to compare per-column aggregates too (SUM of whole-number and decimal columns, MIN,
     *     MAX, NULLs; {@link SourceAggregates}), from a second read of the source's rows
     */
    public CopyTaskWork(
            SnapshotStore snapshot,
            CatalogReader reader,
            CatalogWriter writer,
            Optional<MaxComputeDataPlane> data,
            SourceData source,
            JobStore store,
            int recopies,
            boolean aggregates) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.data = requireNonNull(data, "data is null");
        this.source = requireNonNull(source, "source is null");
        this.store = requireNonNull(store, "store is null");
        if (recopies < 0) {
            throw new IllegalArgumentException("re-copies must not be negative, got " + recopies);
        }
        this.recopies = recopies;
        this.aggregates = aggregates;
    }

    /**
     * One destination partition of the task (or the whole of a table without partitions): the source partitions that
     * go into it as the source has them (several where trailing partition keys are folded into columns, none for a
     * table without partitions), its values at the destination, and its name.
     */
    private record Part(List<Partition> raws, List<String> values, String name) {
        /** The source's parts to read: each partition, or the whole table. */
        List<Optional<Partition>> sources() {
            return raws.isEmpty()
                    ? List.of(Optional.empty())
                    : raws.stream().map(Optional::of).toList();
        }
    }

    @Override
    public TaskOutcome run(TaskContext context) {
        JobTask task = context.task();
        String qualified = task.database() + "." + task.table();
        ObjectKey key = ObjectKey.table(task.database(), task.table());
        Table raw = table(snapshot.getRaw(Side.SOURCE, key), qualified);
        Table mapped = table(snapshot.get(Side.SOURCE, key), qualified);
        List<String> keys = mapped.partitionKeys().stream().map(Column::name).toList();
        List<Part> parts = parts(task, raw, keys);
        List<String> done = new ArrayList<>();
        if (task.steps().contains(TaskStep.METADATA)) {
            done.add(metadata(context, mapped, task));
        }
        if (task.steps().contains(TaskStep.DATA)) {
            if (!keys.isEmpty() && task.partitions().isEmpty()) {
                done.add("no partitions, no data");
            } else {
                if (parts.size() < task.partitions().size()) {
                    context.info(String.format(
                            Locale.ROOT,
                            "data: %,d source partitions go into %,d destination partitions (%d trailing partition"
                                    + " keys folded into columns), each written in one session: %s",
                            task.partitions().size(),
                            parts.size(),
                            raw.partitionKeys().size() - keys.size(),
                            parts.stream()
                                            .limit(5)
                                            .map(p ->
                                                    p.name() + " ← " + p.raws().size())
                                            .collect(java.util.stream.Collectors.joining(", "))
                                    + (parts.size() > 5 ? ", …" : "")));
                }
                MaxComputeDataPlane plane = data.orElseThrow(() ->
                        new IllegalStateException("the destination has no data plane to copy " + qualified + " into"));
                TaskOutcome copied = copyAndVerify(context, plane, raw, mapped, keys, parts);
                if (!copied.succeeded()) {
                    return copied;
                }
                done.add(copied.summary());
            }
        }
        return TaskOutcome.succeeded(String.join("; ", done));
    }

    private static Table table(Optional<CatalogObject> object, String qualified) {
        return object.filter(Table.class::isInstance)
                .map(Table.class::cast)
                .orElseThrow(() -> new IllegalStateException("the source table " + qualified
                        + " is no longer in the project's snapshot; load the source again and plan a new job"));
    }

    /**
     * The task's destination partitions with the source partitions of each, read a batch at a time; one whole-table
     * part when unpartitioned. Source partitions whose leading values are equal go into one destination partition when
     * the mapped table has fewer partition keys (its trailing keys folded into columns).
     */
    private List<Part> parts(JobTask task, Table raw, List<String> keys) {
        if (keys.isEmpty() && raw.partitionKeys().isEmpty()) {
            return List.of(new Part(List.of(), List.of(), ""));
        }
        Map<List<String>, List<Partition>> grouped = new LinkedHashMap<>();
        List<List<String>> values = task.partitions();
        for (int i = 0; i < values.size(); i += BATCH) {
            List<List<String>> batch = values.subList(i, Math.min(values.size(), i + BATCH));
            Map<ObjectKey, Partition> got = snapshot.getManyRaw(Side.SOURCE, raw.databaseName(), raw.name(), batch);
            for (List<String> v : batch) {
                Partition p = got.get(ObjectKey.partition(raw.databaseName(), raw.name(), v));
                if (p == null) {
                    List<String> names =
                            raw.partitionKeys().stream().map(Column::name).toList();
                    throw new IllegalStateException("the partition " + PartitionCounts.partitionName(names, v) + " of "
                            + raw.databaseName() + "." + raw.name()
                            + " is no longer in the project's snapshot; load the source again and plan a new job");
                }
                grouped.computeIfAbsent(List.copyOf(v.subList(0, keys.size())), k -> new ArrayList<>())
                        .add(p);
            }
        }
        List<Part> parts = new ArrayList<>();
        grouped.forEach((destination, raws) ->
                parts.add(new Part(List.copyOf(raws), destination, PartitionCounts.partitionName(keys, destination))));
        return parts;
    }

    // ---------------------------------------------------------------- metadata

    private String metadata(TaskContext context, Table mapped, JobTask task) {
        List<String> said = new ArrayList<>();
        String database = mapped.databaseName();
        ensureDatabase(database, said);
        String qualified = database + "." + mapped.name();
        String kind = mapped.isView() ? "view " : "table ";
        if (mapped.isView()) {
            createWhatItReads(mapped, new HashSet<>(Set.of(qualified.toLowerCase(Locale.ROOT))), said);
        }
        if (reader.table(database, mapped.name()).isPresent()) {
            said.add(kind + qualified + " already there");
        } else if (created(() -> writer.createTable(mapped))) {
            said.add(kind + qualified + " created");
        } else {
            said.add(kind + qualified + " already there");
        }
        if (!task.partitions().isEmpty()) {
            int added = 0;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < task.partitions().size(); i += BATCH) {
                context.checkCancelled();
                List<List<String>> batch =
                        task.partitions().subList(i, Math.min(task.partitions().size(), i + BATCH));
                // Source partitions folded into one destination partition map to it alike: created once.
                Map<List<String>, Partition> distinct = new LinkedHashMap<>();
                snapshot.getMany(Side.SOURCE, database, mapped.name(), batch)
                        .values()
                        .forEach(p -> distinct.putIfAbsent(p.values(), p));
                List<Partition> partitions = List.copyOf(distinct.values());
                BatchResult result = writer.createPartitions(mapped, partitions);
                int failed = 0;
                for (BatchResult.Failure f : result.failures()) {
                    if (f.error().code() != ErrorCode.ALREADY_EXISTS) {
                        failures.add(f.partitionValues() + ": " + f.error().getMessage());
                        failed++;
                    }
                }
                // created now, or there already: in place either way
                added += partitions.size() - failed;
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " partitions of " + qualified
                        + " could not be created: " + failures.subList(0, Math.min(3, failures.size())));
            }
            said.add(String.format(Locale.ROOT, "%,d partitions in place", added));
        }
        String line = "metadata: " + String.join(", ", said);
        context.info(line);
        return line.substring("metadata: ".length());
    }

    private void ensureDatabase(String database, List<String> said) {
        if (reader.database(database).isEmpty()) {
            Database db = snapshot.get(Side.SOURCE, ObjectKey.database(database))
                    .filter(Database.class::isInstance)
                    .map(Database.class::cast)
                    .orElseThrow(() -> new IllegalStateException("the source database " + database
                            + " is no longer in the project's snapshot; load the source again"));
            if (created(() -> writer.createDatabase(db))) {
                said.add("database " + database + " created");
            }
        }
    }

    /**
     * A view's task creates what the view reads and the destination does not have yet, views before the view that
     * reads them (tables without their partitions, which their own tasks add): a job's tasks run side by side in no
     * fixed order, and MaxCompute checks a view's query when the view is created. What the snapshot does not hold is
     * left to the writer, which names it.
     */
    private void createWhatItReads(Table view, Set<String> seen, List<String> said) {
        for (String read : ViewReferences.tables(view)) {
            if (!seen.add(read)) {
                continue;
            }
            int dot = read.lastIndexOf('.');
            String database = read.substring(0, dot);
            String name = read.substring(dot + 1);
            if (reader.table(database, name).isPresent()) {
                continue;
            }
            Optional<Table> base = snapshot.get(Side.SOURCE, ObjectKey.table(database, name))
                    .filter(Table.class::isInstance)
                    .map(Table.class::cast);
            if (base.isEmpty()) {
                continue;
            }
            ensureDatabase(database, said);
            if (base.get().isView()) {
                createWhatItReads(base.get(), seen, said);
            }
            if (created(() -> writer.createTable(base.get()))) {
                said.add((base.get().isView() ? "view " : "table ") + read + ", which it reads, created");
            }
        }
    }

    /** Runs a create; false when the object was there already (a run whose answer was lost created it). */
    private static boolean created(Runnable create) {
        try {
            create.run();
            return true;
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- data and verification

    /** Copies every part, verifies, re-copies the parts that disagree; fails naming those that still do. */
    private TaskOutcome copyAndVerify(
            TaskContext context,
            MaxComputeDataPlane plane,
            Table raw,
            Table mapped,
            List<String> keys,
            List<Part> parts) {
        String qualified = mapped.databaseName() + "." + mapped.name();
        Shape columns = new Shape(raw, mapped);
        VerifiedCopy.Outcome outcome = new VerifiedCopy<Part>(qualified, !keys.isEmpty(), recopies, source.countedBy())
                .run(
                        parts,
                        Part::name,
                        new VerifiedCopy.Steps<>() {
                            @Override
                            public Map<String, Long> copy(List<Part> some) {
                                Map<String, Long> written = new LinkedHashMap<>();
                                for (Part part : some) {
                                    context.checkCancelled();
                                    written.put(
                                            part.name(),
                                            CopyTaskWork.this.copy(plane, raw, mapped, keys, columns, part));
                                }
                                return written;
                            }

                            @Override
                            public Verification verify(Map<String, Long> written) {
                                return CopyTaskWork.this.verify(context, plane, raw, mapped, keys, parts, written);
                            }
                        },
                        (level, message) -> context.log(
                                switch (level) {
                                    case INFO -> TaskLogEntry.Level.INFO;
                                    case WARN -> TaskLogEntry.Level.WARN;
                                    case ERROR -> TaskLogEntry.Level.ERROR;
                                },
                                message));
        store.recordCounts(context.task().id(), mapped.databaseName(), outcome.verification());
        return outcome.passed() ? TaskOutcome.succeeded(outcome.text()) : TaskOutcome.failed(outcome.text());
    }

    /**
     * A source row (the table's columns, then its partition keys' values, typed) in the destination's columns: the
     * columns, then the values of the partition keys folded into columns (Hive's default partition read as null).
     */
    private record Shape(int columns, int keptKeys, int allKeys) {
        Shape(Table raw, Table mapped) {
            this(
                    raw.storageDescriptor().map(sd -> sd.columns().size()).orElse(0),
                    mapped.partitionKeys().size(),
                    raw.partitionKeys().size());
        }

        List<Object> of(Object[] row) {
            List<Object> all = Arrays.asList(row);
            if (keptKeys == allKeys) {
                return all.subList(0, columns);
            }
            List<Object> out = new ArrayList<>(all.subList(0, columns));
            out.addAll(all.subList(columns + keptKeys, columns + allKeys));
            return out;
        }
    }

    /** Every source partition of the part in one overwrite session: it replaces the whole destination partition. */
    private long copy(MaxComputeDataPlane plane, Table raw, Table mapped, List<String> keys, Shape shape, Part part) {
        TunnelTarget target = TunnelTarget.inDatabase(mapped.databaseName(), mapped.name(), keys, part.values());
        try (Stream<Object[]> rows = part.sources().stream().flatMap(p -> source.rows(raw, p))) {
            Iterator<List<Object>> values = rows.map(shape::of).iterator();
            return plane.write(target, values);
        }
    }

    private Verification verify(
            TaskContext context,
            MaxComputeDataPlane plane,
            Table raw,
            Table mapped,
            List<String> keys,
            List<Part> parts,
            Map<String, Long> written) {
        String qualified = mapped.databaseName() + "." + mapped.name();
        List<DestinationCounts.AggregateColumn> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        if (aggregates) {
            List<Column> all =
                    mapped.storageDescriptor().map(sd -> sd.columns()).orElse(List.of());
            for (int i = 0; i < all.size(); i++) {
                Optional<DestinationCounts.AggregateColumn> c =
                        SourceAggregates.of(all.get(i).name(), all.get(i).type());
                if (c.isPresent()) {
                    columns.add(c.get());
                    positions.add(i);
                }
            }
        }
        Map<List<String>, DestinationCounts.PartitionStats> destination = plane.count(DestinationCounts.Task.of(
                TunnelTarget.inDatabase(
                        mapped.databaseName(), mapped.name(), keys, parts.get(0).values()),
                keys.isEmpty() ? List.of() : parts.stream().map(Part::values).toList(),
                columns));
        List<PartitionCounts> counts = new ArrayList<>();
        List<PartitionAggregates> compared = new ArrayList<>();
        for (Part part : parts) {
            context.checkCancelled();
            long atSource =
                    part.sources().stream().mapToLong(p -> source.count(raw, p)).sum();
            DestinationCounts.PartitionStats there = destination.get(part.values());
            counts.add(new PartitionCounts(
                    qualified,
                    part.name(),
                    OptionalLong.of(atSource),
                    Optional.ofNullable(written.get(part.name()))
                            .map(OptionalLong::of)
                            .orElse(OptionalLong.empty()),
                    OptionalLong.of(there == null ? 0 : there.rows())));
            if (!columns.isEmpty()) {
                SourceAggregates sums = new SourceAggregates(
                        columns, positions.stream().mapToInt(Integer::intValue).toArray());
                Shape shape = new Shape(raw, mapped);
                try (Stream<Object[]> rows = part.sources().stream().flatMap(p -> source.rows(raw, p))) {
                    rows.forEach(row -> sums.add(shape.of(row).toArray()));
                }
                compared.add(new PartitionAggregates(
                        qualified, part.name(), sums.result(), there == null ? Map.of() : there.columns()));
            }
        }
        return Verification.of(counts, compared);
    }
}
