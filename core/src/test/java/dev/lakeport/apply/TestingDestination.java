package dev.lakeport.apply;

import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A destination catalog in memory that behaves like Glue / DLF where it matters to the executor: it answers
 * ALREADY_EXISTS and NOT_FOUND, refuses a table in a missing database, enforces batch limits, cascades deletes, and
 * can throttle, fail with 5xx (optionally after applying the write, as when a response is lost), fail single batch
 * entries, refuse given keys for good, and run a hook on every write call.
 */
public final class TestingDestination implements CatalogWriter, CatalogReader {
    public static final WriterLimits GLUE = new WriterLimits(100, 100, 25);

    private final ConcurrentSkipListMap<ObjectKey, CatalogObject> objects = new ConcurrentSkipListMap<>();
    private final Random random = new Random(42);
    private final Set<ObjectKey> refused = ConcurrentHashMap.newKeySet();
    private final List<Long> callTimes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deleteJournal = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong writeCalls = new AtomicLong();
    private final AtomicLong readCalls = new AtomicLong();
    private final Map<ObjectKey, AtomicLong> successfulCreates = new ConcurrentHashMap<>();
    private volatile double throttleRate;
    private volatile double serverErrorRate;
    private volatile double lostResponseRate;
    private volatile double entryThrottleRate;
    private volatile Runnable onWrite = () -> {};

    public TestingDestination put(CatalogObject... objs) {
        for (CatalogObject o : objs) {
            objects.put(o.key(), o);
        }
        return this;
    }

    public Map<ObjectKey, CatalogObject> objects() {
        return objects;
    }

    public TestingDestination throttling(double rate) {
        throttleRate = rate;
        return this;
    }

    public TestingDestination serverErrors(double rate) {
        serverErrorRate = rate;
        return this;
    }

    /** The write is applied, then the caller sees a 5xx, as when a response is lost on the way back. */
    public TestingDestination lostResponses(double rate) {
        lostResponseRate = rate;
        return this;
    }

    /** Single entries of batch calls fail with THROTTLED (not applied). */
    public TestingDestination entryThrottling(double rate) {
        entryThrottleRate = rate;
        return this;
    }

    public TestingDestination refuse(ObjectKey key) {
        refused.add(key);
        return this;
    }

    public TestingDestination allow(ObjectKey key) {
        refused.remove(key);
        return this;
    }

    public TestingDestination onWrite(Runnable hook) {
        onWrite = hook;
        return this;
    }

    /** Deletions that took effect, in order: "table db.t", "partitions db.t", "database db", "function db.f". */
    public List<String> deleteJournal() {
        synchronized (deleteJournal) {
            return List.copyOf(deleteJournal);
        }
    }

    public long writeCalls() {
        return writeCalls.get();
    }

    public long readCalls() {
        return readCalls.get();
    }

    public long calls() {
        return writeCalls.get() + readCalls.get();
    }

    public List<Long> callTimes() {
        synchronized (callTimes) {
            return List.copyOf(callTimes);
        }
    }

    /** The largest number of successful creates of any one key: more than 1 would mean a duplicate. */
    public long maxCreatesOfOneKey() {
        return successfulCreates.values().stream()
                .mapToLong(AtomicLong::get)
                .max()
                .orElse(0);
    }

    private boolean chance(double rate) {
        if (rate <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }

    private void before(boolean write) {
        callTimes.add(System.nanoTime());
        (write ? writeCalls : readCalls).incrementAndGet();
        if (write) {
            onWrite.run();
        }
        if (chance(throttleRate)) {
            throw new ConnectorException(ErrorCode.THROTTLED, "ThrottlingException", "Rate exceeded", null);
        }
        if (chance(serverErrorRate)) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "InternalServiceException", "HTTP 503", null);
        }
    }

    private void after() {
        if (chance(lostResponseRate)) {
            throw new ConnectorException(
                    ErrorCode.UNAVAILABLE, "InternalServiceException", "HTTP 502 after write", null);
        }
    }

    private void check(ObjectKey key) {
        if (refused.contains(key)) {
            throw new ConnectorException(ErrorCode.INVALID_INPUT, "InvalidInputException", "refused " + key, null);
        }
    }

    private void create(CatalogObject o) {
        before(true);
        ObjectKey key = o.key();
        check(key);
        key.parent().ifPresent(p -> {
            if (!objects.containsKey(p)) {
                throw new ConnectorException(ErrorCode.NOT_FOUND, "EntityNotFoundException", p + " not found", null);
            }
        });
        if (o instanceof Table t && t.isView()) {
            // as MaxCompute does: a view's query is checked when the view is created
            for (String read : dev.lakeport.mapping.ViewReferences.tables(t)) {
                int dot = read.lastIndexOf('.');
                if (!objects.containsKey(ObjectKey.table(read.substring(0, dot), read.substring(dot + 1)))) {
                    throw new ConnectorException(
                            ErrorCode.INVALID_INPUT, "TableNotFound", key + " reads " + read + ", not there", null);
                }
            }
        }
        if (objects.putIfAbsent(key, o) != null) {
            throw new ConnectorException(ErrorCode.ALREADY_EXISTS, "AlreadyExistsException", key + " exists", null);
        }
        successfulCreates.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        after();
    }

    private void update(CatalogObject o) {
        before(true);
        check(o.key());
        if (objects.replace(o.key(), o) == null) {
            throw new ConnectorException(ErrorCode.NOT_FOUND, "EntityNotFoundException", o.key() + " not found", null);
        }
        after();
    }

    private void delete(ObjectKey key) {
        before(true);
        check(key);
        if (objects.remove(key) == null) {
            throw new ConnectorException(ErrorCode.NOT_FOUND, "EntityNotFoundException", key + " not found", null);
        }
        deleteJournal.add(key.kind().itemType() + " " + key.itemName());
        // Glue drops what is inside a table or database with it.
        objects.keySet()
                .removeIf(k -> k.parent().filter(p -> p.equals(key)).isPresent()
                        || (key.kind() == ObjectKind.DATABASE && k.database().equals(key.database())));
        after();
    }

    @Override
    public WriterLimits limits() {
        return GLUE;
    }

    @Override
    public void createDatabase(Database database) {
        create(database);
    }

    @Override
    public void updateDatabase(Database database) {
        update(database);
    }

    @Override
    public void deleteDatabase(String name) {
        delete(ObjectKey.database(name));
    }

    @Override
    public void createTable(Table table) {
        create(table);
    }

    @Override
    public void updateTable(Table table) {
        update(table);
    }

    @Override
    public void deleteTable(String database, String name) {
        delete(ObjectKey.table(database, name));
    }

    private interface EntryWrite<T> {
        Optional<ConnectorException> apply(T entry);
    }

    private <T> BatchResult batchCall(
            Table table,
            List<T> entries,
            int limit,
            java.util.function.Function<T, List<String>> values,
            EntryWrite<T> w) {
        before(true);
        if (entries.size() > limit) {
            throw new ConnectorException(ErrorCode.INVALID_INPUT, "too many entries: " + entries.size());
        }
        if (!objects.containsKey(table.key())) {
            throw new ConnectorException(
                    ErrorCode.NOT_FOUND, "EntityNotFoundException", table.key() + " not found", null);
        }
        List<BatchResult.Failure> failures = new ArrayList<>();
        for (T entry : entries) {
            List<String> v = values.apply(entry);
            if (chance(entryThrottleRate)) {
                failures.add(new BatchResult.Failure(
                        v, new ConnectorException(ErrorCode.THROTTLED, "ThrottlingException", "slow down", null)));
                continue;
            }
            ObjectKey key = ObjectKey.partition(table.databaseName(), table.name(), v);
            if (refused.contains(key)) {
                failures.add(new BatchResult.Failure(
                        v, new ConnectorException(ErrorCode.INVALID_INPUT, "InvalidInputException", "refused", null)));
                continue;
            }
            w.apply(entry).ifPresent(e -> failures.add(new BatchResult.Failure(v, e)));
        }
        after();
        return new BatchResult(failures);
    }

    @Override
    public BatchResult createPartitions(Table table, List<Partition> partitions) {
        return batchCall(table, partitions, GLUE.createPartitions(), Partition::values, p -> {
            if (objects.putIfAbsent(p.key(), p) != null) {
                return Optional.of(new ConnectorException(ErrorCode.ALREADY_EXISTS, "exists"));
            }
            successfulCreates.computeIfAbsent(p.key(), k -> new AtomicLong()).incrementAndGet();
            return Optional.empty();
        });
    }

    @Override
    public BatchResult updatePartitions(Table table, List<Partition> partitions) {
        return batchCall(
                table,
                partitions,
                GLUE.updatePartitions(),
                Partition::values,
                p -> objects.replace(p.key(), p) == null
                        ? Optional.of(new ConnectorException(ErrorCode.NOT_FOUND, "no such partition"))
                        : Optional.empty());
    }

    @Override
    public BatchResult deletePartitions(Table table, List<List<String>> partitionValues) {
        deleteJournal.add("partitions " + table.key().itemName());
        return batchCall(
                table,
                partitionValues,
                GLUE.deletePartitions(),
                v -> v,
                v -> objects.remove(ObjectKey.partition(table.databaseName(), table.name(), v)) == null
                        ? Optional.of(new ConnectorException(ErrorCode.NOT_FOUND, "no such partition"))
                        : Optional.empty());
    }

    @Override
    public void createFunction(Function function) {
        create(function);
    }

    @Override
    public void updateFunction(Function function) {
        update(function);
    }

    @Override
    public void deleteFunction(String database, String name) {
        delete(ObjectKey.function(database, name));
    }

    // ---- reads ----

    private <T> Optional<T> read(ObjectKey key, Class<T> type) {
        before(false);
        return Optional.ofNullable(objects.get(key)).map(type::cast);
    }

    @Override
    public Stream<Database> databases() {
        return objects.values().stream().filter(Database.class::isInstance).map(Database.class::cast);
    }

    @Override
    public Optional<Database> database(String name) {
        return read(ObjectKey.database(name), Database.class);
    }

    @Override
    public Stream<Table> tables(String database) {
        return objects.values().stream()
                .filter(Table.class::isInstance)
                .map(Table.class::cast)
                .filter(t -> t.databaseName().equalsIgnoreCase(database));
    }

    @Override
    public Optional<Table> table(String database, String name) {
        return read(ObjectKey.table(database, name), Table.class);
    }

    @Override
    public Stream<Partition> partitions(Table table, Optional<String> expression) {
        return objects.values().stream()
                .filter(Partition.class::isInstance)
                .map(Partition.class::cast)
                .filter(p -> p.key().parent().equals(Optional.of(table.key())));
    }

    @Override
    public List<Partition> partitions(Table table, List<List<String>> values) {
        before(false);
        return values.stream()
                .map(v -> objects.get(ObjectKey.partition(table.databaseName(), table.name(), v)))
                .filter(Partition.class::isInstance)
                .map(Partition.class::cast)
                .toList();
    }

    @Override
    public Stream<Function> functions(String database) {
        return objects.values().stream()
                .filter(Function.class::isInstance)
                .map(Function.class::cast)
                .filter(f -> f.databaseName().equalsIgnoreCase(database));
    }

    @Override
    public Optional<Function> function(String database, String name) {
        return read(ObjectKey.function(database, name), Function.class);
    }

    @Override
    public void close() {}
}
