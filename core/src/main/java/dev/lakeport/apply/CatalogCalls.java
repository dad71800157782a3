package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.failsafe.RateLimiter;
import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.Operation;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calls one operation of a plan makes to the destination catalog, each idempotent, retried by the run's policy
 * and held to its rate limit: a create that meets "already exists" updates if the object differs, an update that meets
 * "not found" creates, a delete that meets "not found" is done. Partition batches re-send only the entries that failed
 * transiently and report the final failure of each entry.
 */
final class CatalogCalls {
    private final CatalogWriter writer;
    private final CatalogReader reader;
    private final SnapshotView view;
    private final ExecutorOptions options;
    private final Optional<RateLimiter<Object>> limiter;

    CatalogCalls(CatalogWriter writer, CatalogReader reader, SnapshotView view, ExecutorOptions options) {
        this.writer = requireNonNull(writer, "writer is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.view = requireNonNull(view, "view is null");
        this.options = requireNonNull(options, "options is null");
        this.limiter = options.callsPerSecond() > 0
                ? Optional.of(RateLimiter.<Object>smoothBuilder(
                                Duration.ofNanos(Math.max(1, (long) (1_000_000_000L / options.callsPerSecond()))))
                        .build())
                : Optional.empty();
    }

    // ---- one database, table or function ----

    /** Creates, updates or deletes one database, table or function, resolving "already exists" and "not found". */
    void single(Operation op) {
        ObjectKey key = op.key();
        switch (op.result()) {
            case CREATE -> {
                CatalogObject object = source(key);
                try {
                    call(() -> create(object));
                } catch (ConnectorException e) {
                    if (e.code() != ErrorCode.ALREADY_EXISTS) {
                        throw e;
                    }
                    Optional<CatalogObject> existing = call(() -> read(key));
                    if (existing.isEmpty() || !same(existing.get(), object)) {
                        call(() -> update(object));
                    }
                }
            }
            case UPDATE -> {
                CatalogObject object = source(key);
                try {
                    call(() -> update(object));
                } catch (ConnectorException e) {
                    if (e.code() != ErrorCode.NOT_FOUND) {
                        throw e;
                    }
                    call(() -> create(object));
                }
            }
            case DELETE -> {
                try {
                    call(() -> delete(key));
                } catch (ConnectorException e) {
                    if (e.code() != ErrorCode.NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
    }

    /** The object as the destination should hold it (the mapped source), or a clear failure if it is missing. */
    CatalogObject source(ObjectKey key) {
        return view.get(Side.SOURCE, key)
                .orElseThrow(() -> new ConnectorException(
                        ErrorCode.INTERNAL, key + " is not in the source snapshot; load metadata again"));
    }

    private Void create(CatalogObject o) {
        if (o instanceof Database d) {
            writer.createDatabase(d);
        } else if (o instanceof Table t) {
            writer.createTable(t);
        } else if (o instanceof Function f) {
            writer.createFunction(f);
        } else {
            throw new IllegalArgumentException("not a single object: " + o.key());
        }
        return null;
    }

    private Void update(CatalogObject o) {
        if (o instanceof Database d) {
            writer.updateDatabase(d);
        } else if (o instanceof Table t) {
            writer.updateTable(t);
        } else if (o instanceof Function f) {
            writer.updateFunction(f);
        } else {
            throw new IllegalArgumentException("not a single object: " + o.key());
        }
        return null;
    }

    private Void delete(ObjectKey key) {
        switch (key.kind()) {
            case DATABASE -> writer.deleteDatabase(key.database());
            case TABLE -> writer.deleteTable(key.database(), key.requireName());
            case FUNCTION -> writer.deleteFunction(key.database(), key.requireName());
            case PARTITION -> throw new IllegalArgumentException("partitions are deleted in batches");
        }
        return null;
    }

    private Optional<CatalogObject> read(ObjectKey key) {
        return switch (key.kind()) {
            case DATABASE -> reader.database(key.database()).map(d -> (CatalogObject) d);
            case TABLE -> reader.table(key.database(), key.requireName()).map(t -> (CatalogObject) t);
            case FUNCTION -> reader.function(key.database(), key.requireName()).map(f -> (CatalogObject) f);
            case PARTITION -> throw new IllegalArgumentException("partitions are read in batches");
        };
    }

    // ---- a batch of partitions of one table ----

    /** Writes or deletes a batch of partitions; puts the final failure of each entry that failed in failures. */
    void partitions(Operation op, Map<List<String>, String> failures) {
        ObjectKey tableKey = op.parent().orElseThrow();
        switch (op.result()) {
            case CREATE, UPDATE -> writePartitions(op, tableKey, failures);
            case DELETE -> deletePartitions(op, tableKey, failures);
        }
    }

    private void writePartitions(Operation op, ObjectKey tableKey, Map<List<String>, String> failures) {
        Table table = table(tableKey, Side.SOURCE, Side.DESTINATION)
                .orElseThrow(() -> new ConnectorException(
                        ErrorCode.INTERNAL, tableKey + " is in neither snapshot; load metadata again"));
        List<Partition> parts = new ArrayList<>();
        // One read for the whole batch: the store serves neighbouring partitions from the same chunk.
        Map<ObjectKey, Partition> found = view.getMany(
                Side.SOURCE,
                tableKey.database(),
                tableKey.requireName(),
                op.keys().stream().map(ObjectKey::partitionValues).toList());
        for (ObjectKey key : op.keys()) {
            Partition p = found.get(key);
            if (p != null) {
                parts.add(p);
            } else {
                failures.put(key.partitionValues(), "INTERNAL: not in the source snapshot; load metadata again");
            }
        }
        boolean create = op.result() == DiffResult.CREATE;
        // "Already exists" on create means update it; "not found" on update means create it.
        ErrorCode other = create ? ErrorCode.ALREADY_EXISTS : ErrorCode.NOT_FOUND;
        Map<List<String>, ConnectorException> first =
                batch(parts, create ? l -> writer.createPartitions(table, l) : l -> writer.updatePartitions(table, l));
        List<Partition> again = new ArrayList<>();
        for (Partition p : parts) {
            ConnectorException e = first.get(p.values());
            if (e == null) {
                continue;
            }
            if (e.code() == other) {
                again.add(p);
            } else {
                failures.put(p.values(), e.summary());
            }
        }
        if (!again.isEmpty()) {
            Map<List<String>, ConnectorException> second = batch(
                    again, create ? l -> writer.updatePartitions(table, l) : l -> writer.createPartitions(table, l));
            second.forEach((values, e) -> failures.put(values, e.summary()));
        }
    }

    private void deletePartitions(Operation op, ObjectKey tableKey, Map<List<String>, String> failures) {
        Optional<Table> table = table(tableKey, Side.DESTINATION, Side.SOURCE);
        if (table.isEmpty()) {
            return; // the table is gone from the destination, and its partitions with it
        }
        List<List<String>> values =
                op.keys().stream().map(ObjectKey::partitionValues).toList();
        Map<List<String>, ConnectorException> result;
        try {
            result = batchOf(values, v -> v, l -> writer.deletePartitions(table.get(), l));
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return; // the whole table is gone
            }
            throw e;
        }
        result.forEach((v, e) -> {
            if (e.code() != ErrorCode.NOT_FOUND) {
                failures.put(v, e.summary());
            }
        });
    }

    /** The table a partition batch needs, from the snapshot sides in the given order, else the destination. */
    Optional<Table> table(ObjectKey key, Side first, Side second) {
        Optional<CatalogObject> t = view.get(first, key).or(() -> view.get(second, key));
        if (t.isPresent()) {
            return Optional.of((Table) t.get());
        }
        return call(() -> reader.table(key.database(), key.requireName()));
    }

    private Map<List<String>, ConnectorException> batch(
            List<Partition> parts, java.util.function.Function<List<Partition>, BatchResult> send) {
        try {
            return batchOf(parts, Partition::values, send);
        } catch (ConnectorException e) {
            Map<List<String>, ConnectorException> all = new LinkedHashMap<>();
            parts.forEach(p -> all.put(p.values(), e));
            return all;
        }
    }

    /**
     * Sends a batch and re-sends only the entries that failed transiently, within the retry policy. Returns the
     * final failure of each entry that did not succeed; throws if the whole call failed for good.
     */
    private <T> Map<List<String>, ConnectorException> batchOf(
            List<T> items,
            java.util.function.Function<T, List<String>> valuesOf,
            java.util.function.Function<List<T>, BatchResult> send) {
        Map<List<String>, T> remaining = new LinkedHashMap<>();
        items.forEach(i -> remaining.put(valuesOf.apply(i), i));
        Map<List<String>, ConnectorException> failed = new LinkedHashMap<>();
        Map<List<String>, ConnectorException> lastTransient = new LinkedHashMap<>();
        if (remaining.isEmpty()) {
            return failed;
        }
        try {
            call(() -> {
                BatchResult result = send.apply(new ArrayList<>(remaining.values()));
                lastTransient.clear();
                for (BatchResult.Failure f : result.failures()) {
                    if (!remaining.containsKey(f.partitionValues())) {
                        continue;
                    }
                    if (f.error().isTransient()) {
                        lastTransient.put(f.partitionValues(), f.error());
                    } else {
                        failed.put(f.partitionValues(), f.error());
                    }
                }
                remaining.keySet().retainAll(lastTransient.keySet());
                if (!lastTransient.isEmpty()) {
                    ConnectorException e = lastTransient.values().iterator().next();
                    throw new ConnectorException(
                            e.code(),
                            e.vendorCode().orElse(null),
                            lastTransient.size() + " entries failed transiently: " + e.getMessage(),
                            e);
                }
                return null;
            });
        } catch (ConnectorException e) {
            if (lastTransient.isEmpty() || !e.isTransient()) {
                if (failed.isEmpty() && remaining.size() == items.size() && lastTransient.isEmpty()) {
                    throw e; // the call itself never got through
                }
                remaining.keySet().forEach(v -> failed.putIfAbsent(v, e));
            } else {
                lastTransient.forEach(failed::putIfAbsent);
            }
        }
        return failed;
    }

    // ---- calls ----

    private <T> T call(Supplier<T> call) {
        return options.retries().call(() -> {
            throttle();
            return call.get();
        });
    }

    private void throttle() {
        if (limiter.isEmpty()) {
            return;
        }
        try {
            limiter.get().acquirePermit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.INTERNAL, "interrupted while waiting for the rate limit");
        }
    }

    private static boolean same(CatalogObject a, CatalogObject b) {
        return Arrays.equals(CanonicalForm.toBytes(a), CanonicalForm.toBytes(b));
    }
}
