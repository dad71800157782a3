package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * One migration project's snapshot of the source and destination catalogs, in an embedded H2 file.
 *
 * <h2>Layout</h2>
 *
 * Databases, tables and functions are rows of {@code snapshot_object} keyed by (side, {@link ObjectKey#sortKey()}).
 * Partitions are packed, 256 consecutive ones to a row, in {@code snapshot_chunk} keyed by (table id, run, last key of
 * the chunk), where a partition's key is its values joined by U+0001 (see {@link PartitionChunk}): a number and a short
 * string instead of repeated names, one row instead of 256, and a body that holds little more than the location,
 * because a partition is encoded against its table's storage descriptor (see {@link ObjectCodec}). Every object
 * carries the 64-bit {@link Fingerprint} of its canonical form; for the SOURCE side, of its form <em>after mapping</em>.
 *
 * <p>H2 compares VARCHAR values as Java strings (UTF-16 code units), the order {@link ObjectKey#sortKey()} is defined
 * in, so {@code ORDER BY} on these keys is the {@link ObjectKey} order (every ORDER BY names all primary key columns:
 * only then does H2 read the index in order instead of sorting); {@code SnapshotScanOrderTest} proves it on keys
 * with separators, prefixes, supplementary characters and the high end of the BMP.
 *
 * <h2>Load and resume protocol</h2>
 *
 * <ol>
 *   <li>{@link #beginLoad} starts a load of one side and returns a {@link SnapshotWriter}. Each load has a
 *       <em>generation</em>; if the previous load of that side, from the same catalog, did not finish, the new one
 *       resumes it (same generation).
 *   <li>The loader puts every database, table and function ({@code put...}: upserts, stamped with the generation), and
 *       for every partitioned table calls {@link SnapshotWriter#replacePartitions}, unless
 *       {@link SnapshotWriter#isTableComplete} says this generation already holds the table's partitions.
 *   <li>{@code replacePartitions} writes the new partitions under a fresh table id, in runs committed one by one,
 *       then in one transaction points the table at the new id and marks it complete; the old partitions (and those
 *       of an interrupted attempt) are deleted afterwards. Readers see either the old or the new set, never a mix, and
 *       a kill at any point leaves no duplicates: the partial set is garbage collected on the next load.
 *   <li>{@link SnapshotWriter#finish()} deletes what this generation did not see (objects that disappeared from the
 *       catalog) and marks the load complete. A load that is not finished stays resumable.
 * </ol>
 *
 * A load killed at any point and run again to the end therefore holds exactly what an uninterrupted load holds. H2
 * makes commits durable about a second after they happen, so a killed process may redo up to that much work.
 * Several threads may load different tables at once through one writer; one table must not be loaded twice at once.
 * The loader reports progress and checks cancellation itself, between objects and inside the partition iterator it
 * passes (an exception thrown there stops the table cleanly).
 *
 * <h2>Mapping</h2>
 *
 * SOURCE fingerprints depend on the mapping. The store remembers the id of the mapping they were computed with;
 * {@link #ensureMapping} recomputes them in one streaming pass when the id changes and makes the mapping the one
 * {@link #get} applies. Each side also remembers the {@link CanonicalForm#VERSION} its fingerprints were computed with;
 * a project written with another version is fingerprinted again when opened (see {@code refreshCanonicalVersion}). Objects are stored as read; {@link #get} maps SOURCE objects on the way out, {@link #getRaw}
 * does not.
 *
 * <p>Thread-safe. Each call borrows a pooled connection; {@link #dataSource()} hands out the same pool to other stores
 * of the project.
 */
public final class SnapshotStore implements SnapshotView, AutoCloseable {
    static final byte DATABASE = 0;
    static final byte TABLE = 1;
    static final byte FUNCTION = 2;

    static final char VALUE_SEPARATOR = ObjectKey.SEPARATOR;
    private static final String FILE_SUFFIX = ".mv.db";

    private final String description;
    private final JdbcConnectionPool pool;
    private final boolean file;
    private final ExecutorService inserters;
    private final StoredPartitions stored;
    private final SnapshotBrowser browser;
    private final PartitionGarbage garbage;

    private volatile Mapping mapping;
    private volatile int partitionRunSize = PartitionLoad.RUN;
    private volatile boolean closed;

    record Mapping(UnaryOperator<CatalogObject> toDestinationForm, String id) {
        /** The mapping when it merges source partitions into one destination partition, else empty. */
        Optional<MergingPartitions> merging() {
            return toDestinationForm instanceof MergingPartitions m && m.mergesPartitions()
                    ? Optional.of(m)
                    : Optional.empty();
        }
    }

    /** The SOURCE mapping in force when it merges partitions (see {@link MergingPartitions}). */
    Optional<MergingPartitions> merging(Side side) {
        Mapping m = mapping;
        return side == Side.SOURCE && m != null ? m.merging() : Optional.empty();
    }

    private SnapshotStore(String description, String url, boolean file) {
        this.description = description;
        this.file = file;
        this.stored = new StoredPartitions(description);
        this.browser = new SnapshotBrowser(this);
        this.garbage = new PartitionGarbage(this, stored);
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        this.pool.setMaxConnections(64);
        this.inserters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "snapshot-insert");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens (or creates) the project's snapshot file, which must be named {@code *.mv.db}, and migrates its schema.
     *
     * @throws SnapshotException naming the file if it is not an H2 database, is in use by another process, or has a
     *     schema newer than this version; the file is left untouched
     */
    public static SnapshotStore open(Path file) {
        requireNonNull(file, "file is null");
        Path path = file.toAbsolutePath().normalize();
        String name = path.getFileName().toString();
        if (!name.endsWith(FILE_SUFFIX) || name.length() == FILE_SUFFIX.length()) {
            throw new SnapshotException(
                    path + ": a snapshot file is an H2 database whose name ends in " + FILE_SUFFIX + "; rename it");
        }
        String base = path.toString().substring(0, path.toString().length() - FILE_SUFFIX.length());
        // No trace file beside the project; a large page cache; a statement cache that holds all of this class's
        // statements (the default 8 made a load of many small tables re-parse SQL all the time). The store closes the
        // database itself: H2's own exit hook would close it under a step that a signal is still stopping cleanly,
        // which then cannot record what it did.
        String url = "jdbc:h2:file:" + base
                + ";TRACE_LEVEL_FILE=0;CACHE_SIZE=131072;LOCK_TIMEOUT=30000;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE";
        if (Files.exists(path) && SnapshotFile.checkHeader(path)) {
            // A cleanly closed file is checked read-only first, so that a file this version must not touch (a newer
            // schema) is recognised before H2 writes anything. A file left by a killed process needs recovery, which
            // read-only cannot do (and which changes the file anyway): it is checked after opening.
            JdbcConnectionPool readOnly = JdbcConnectionPool.create(url + ";ACCESS_MODE_DATA=r", "sa", "");
            try (Connection keepOpen = readOnly.getConnection()) {
                SnapshotFile.checkExisting(path.toString(), readOnly);
            } catch (SQLException e) {
                throw SnapshotFile.translate(path.toString(), true, e);
            } finally {
                readOnly.dispose();
            }
        }
        return start(path.toString(), url, true);
    }

    /** A private in-memory store that lives until closed; for tests and dry runs. */
    public static SnapshotStore inMemory(String name) {
        requireNonNull(name, "name is null");
        return start(
                "in-memory snapshot " + name,
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000;QUERY_CACHE_SIZE=64",
                false);
    }

    private static SnapshotStore start(String description, String url, boolean file) {
        SnapshotStore store = new SnapshotStore(description, url, file);
        try {
            // Opens the database; the pool keeps its idle connections, and so the database, open until close().
            try (Connection c = store.pool.getConnection()) {
                c.isValid(1);
            }
            Flyway flyway = SnapshotFile.flyway(store.pool);
            SnapshotFile.checkSchemaNotNewer(description, flyway);
            flyway.migrate();
            store.refreshCanonicalVersion();
            return store;
        } catch (SQLException e) {
            store.pool.dispose();
            store.inserters.shutdownNow();
            throw SnapshotFile.translate(description, file, e);
        } catch (FlywayException | SnapshotException e) {
            store.pool.dispose();
            store.inserters.shutdownNow();
            if (e instanceof SnapshotException se) {
                throw se;
            }
            if (file && DiskFullException.causedByFullDisk(e, Path.of(description))) {
                throw new DiskFullException(Path.of(description), e);
            }
            throw new SnapshotException(description + ": cannot migrate the snapshot schema: " + e.getMessage(), e);
        }
    }

    /** Connections into this snapshot's database, for other stores of the project (diff, results). */
    public DataSource dataSource() {
        return pool;
    }

    Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
        return pool.getConnection();
    }

    int partitionRunSize() {
        return partitionRunSize;
    }

    /** Smaller runs let tests exercise the merge of unsorted input without millions of partitions. */
    void setPartitionRunSize(int size) {
        partitionRunSize = size;
    }

    Set<Long> inFlight() {
        return garbage.inFlight();
    }

    ExecutorService inserters() {
        return inserters;
    }

    // ---------------------------------------------------------------- loading

    /**
     * Starts (or resumes) loading the SOURCE side: its objects are fingerprinted in the form {@code toDestinationForm}
     * gives them. Existing SOURCE fingerprints are recomputed first if {@code mappingId} differs from theirs.
     */
    public SnapshotWriter beginLoad(
            Side side, LoadOrigin origin, UnaryOperator<CatalogObject> toDestinationForm, String mappingId) {
        requireNonNull(side, "side is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(toDestinationForm, "toDestinationForm is null");
        requireNonNull(mappingId, "mappingId is null");
        if (side == Side.SOURCE) {
            ensureMapping(toDestinationForm, mappingId, ProgressListener.NONE, CancellationToken.NONE);
        }
        UnaryOperator<CatalogObject> mapper = side == Side.SOURCE ? toDestinationForm : UnaryOperator.identity();
        return sql(() -> {
            collectGarbage();
            try (Connection c = connection()) {
                c.setAutoCommit(false);
                long generation = LoadLedger.begin(c, side, origin, mappingId);
                c.commit();
                return new SnapshotWriter(this, side, generation, mapper);
            }
        });
    }

    /** Starts (or resumes) loading the DESTINATION side, which is fingerprinted as read. */
    public SnapshotWriter beginLoad(Side side, LoadOrigin origin) {
        if (side == Side.SOURCE) {
            throw new IllegalArgumentException("the SOURCE side needs a mapping to the destination form");
        }
        return beginLoad(side, origin, UnaryOperator.identity(), "identity");
    }

    /**
     * Whether the current load of {@code side} already holds all partitions of the table, and has listed the table
     * itself again since it last started or resumed.
     */
    public boolean isTableComplete(Side side, String database, String table) {
        return loadInfo(side)
                .map(info -> sql(() -> {
                    try (Connection c = connection()) {
                        return LoadLedger.isTableComplete(c, side, ObjectKey.table(database, table), info.generation());
                    }
                }))
                .orElse(false);
    }

    /** Deletes partition sets no table points at: replaced ones and those of interrupted loads. */
    void collectGarbage() throws SQLException {
        garbage.collect();
    }

    // ---------------------------------------------------------------- mapping

    /**
     * Makes {@code toDestinationForm} the mapping of the SOURCE side. If the SOURCE fingerprints were computed with
     * another mapping id, recomputes them all in one streaming pass (committed in batches; an interrupted pass is
     * redone by the next call). Returns whether it recomputed.
     */
    public boolean ensureMapping(
            UnaryOperator<CatalogObject> toDestinationForm,
            String mappingId,
            ProgressListener progress,
            CancellationToken cancel) {
        requireNonNull(toDestinationForm, "toDestinationForm is null");
        requireNonNull(mappingId, "mappingId is null");
        requireNonNull(progress, "progress is null");
        requireNonNull(cancel, "cancel is null");
        Mapping next = new Mapping(toDestinationForm, mappingId);
        return sql(() -> {
            Optional<LoadInfo> info = loadInfo(Side.SOURCE);
            if (info.isEmpty() || info.get().mappingId().equals(Optional.of(mappingId))) {
                mapping = next;
                return false;
            }
            Refingerprint.run(this, next, info.get(), progress, cancel);
            mapping = next;
            return true;
        });
    }

    /**
     * Fingerprints stored by a Lakeport whose canonical form had another {@link CanonicalForm#VERSION} compare unequal
     * to every fingerprint computed now, so an old project would show every object as changed. The DESTINATION side is
     * fingerprinted again here; the SOURCE side's mapping id is cleared, so that the next {@link #ensureMapping}
     * fingerprints it again with its mapping (which only the caller knows).
     */
    private void refreshCanonicalVersion() throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            if (LoadLedger.isStale(c, Side.SOURCE)) {
                LoadLedger.setMappingId(c, Optional.empty());
                LoadLedger.setCanonicalVersion(c, Side.SOURCE);
                c.commit();
            }
        }
        boolean destinationStale;
        try (Connection c = connection()) {
            destinationStale = LoadLedger.isStale(c, Side.DESTINATION);
        }
        if (destinationStale) {
            Optional<LoadInfo> info = loadInfo(Side.DESTINATION);
            if (info.isPresent()) {
                Refingerprint.destination(this, info.get(), ProgressListener.NONE, CancellationToken.NONE);
            }
        }
    }

    /**
     * Names items as users read them, a partition by its table's partition keys: those of the mapped source table
     * (what the destination gets) when the mapping is known, else of the destination's table, else of the source's as
     * read.
     */
    public ItemNames itemNames() {
        return new ItemNames((database, table) -> {
            ObjectKey key = ObjectKey.table(database, table);
            Mapping m = mapping;
            Optional<CatalogObject> found =
                    m == null ? Optional.empty() : getRaw(Side.SOURCE, key).map(m.toDestinationForm());
            if (found.isEmpty()) {
                found = getRaw(Side.DESTINATION, key);
            }
            if (found.isEmpty()) {
                found = getRaw(Side.SOURCE, key);
            }
            return found.filter(Table.class::isInstance)
                    .map(t -> ItemNames.partitionKeyNames((Table) t))
                    .orElse(List.of());
        });
    }

    private UnaryOperator<CatalogObject> mapper(Side side) {
        if (side == Side.DESTINATION) {
            return UnaryOperator.identity();
        }
        Mapping m = mapping;
        if (m == null) {
            throw new IllegalStateException(
                    description + ": SOURCE objects are returned mapped; call ensureMapping (or beginLoad) first");
        }
        return m.toDestinationForm();
    }

    // ---------------------------------------------------------------- SnapshotView

    @Override
    public CloseableIterator<ScanEntry> scan(Side side) {
        requireNonNull(side, "side is null");
        return sql(() -> new SnapshotScan(this, side));
    }

    @Override
    public Optional<CatalogObject> get(Side side, ObjectKey key) {
        UnaryOperator<CatalogObject> m = mapper(side);
        Optional<CatalogObject> found = getRaw(side, key);
        Optional<MergingPartitions> merging = merging(side);
        if (found.isEmpty() && merging.isPresent() && key.kind() == ObjectKind.PARTITION) {
            ObjectKey table = key.parent().orElseThrow();
            found = firstMerged(side, table.database(), table.requireName(), key.partitionValues(), merging.get())
                    .map(CatalogObject.class::cast);
        }
        return found.map(m);
    }

    /** The object as it was read from the catalog, without mapping. */
    public Optional<CatalogObject> getRaw(Side side, ObjectKey key) {
        requireNonNull(side, "side is null");
        requireNonNull(key, "key is null");
        return sql(() -> {
            try (Connection c = connection()) {
                if (key.kind() != ObjectKind.PARTITION) {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT body FROM snapshot_object WHERE side = ? AND sort_key = ?")) {
                        ps.setInt(1, side.ordinal());
                        ps.setString(2, key.sortKey());
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(ObjectCodec.decode(rs.getBytes(1))) : Optional.empty();
                        }
                    }
                }
                Map<ObjectKey, Partition> found =
                        stored.find(c, side, key.parent().orElseThrow(), List.of(key.partitionValues()));
                return Optional.ofNullable(found.get(key));
            }
        });
    }

    /**
     * The partitions of one table with the given values (those present), keyed by their keys in the order asked; SOURCE
     * partitions mapped to destination form. For batches of about a hundred.
     */
    @Override
    public Map<ObjectKey, Partition> getMany(Side side, String database, String table, List<List<String>> values) {
        requireNonNull(side, "side is null");
        requireNonNull(values, "values is null");
        UnaryOperator<CatalogObject> m = mapper(side);
        Map<ObjectKey, Partition> raw = getManyRaw(side, database, table, values);
        Map<ObjectKey, Partition> mapped = new LinkedHashMap<>();
        raw.forEach((k, p) -> mapped.put(k, (Partition) m.apply(p)));
        Optional<MergingPartitions> merging = merging(side);
        if (merging.isPresent() && mapped.size() < values.size()) {
            // Values of a destination partition that several source partitions merge into: the first of them.
            for (List<String> v : values) {
                ObjectKey key = ObjectKey.partition(database, table, v);
                if (!mapped.containsKey(key)) {
                    firstMerged(side, database, table, v, merging.get())
                            .ifPresent(p -> mapped.put(key, (Partition) m.apply(p)));
                }
            }
        }
        return mapped;
    }

    /** The first source partition (as read) whose destination values are {@code values}. */
    private Optional<Partition> firstMerged(
            Side side, String database, String table, List<String> values, MergingPartitions merging) {
        List<Partition> next = browser.partitions(side, database, table, Optional.of(values), 1);
        return next.stream()
                .filter(p ->
                        merging.destinationValues(database, table, p.values()).equals(values))
                .findFirst();
    }

    /** As {@link #getMany} without mapping. */
    public Map<ObjectKey, Partition> getManyRaw(Side side, String database, String table, List<List<String>> values) {
        requireNonNull(side, "side is null");
        requireNonNull(values, "values is null");
        ObjectKey tableKey = ObjectKey.table(database, table);
        return sql(() -> {
            try (Connection c = connection()) {
                return stored.find(c, side, tableKey, values);
            }
        });
    }

    Partition decodePartition(Connection c, long tableId, String partKey, byte[] body) throws SQLException {
        return stored.decodePartition(c, tableId, partKey, body);
    }

    // ---------------------------------------------------------------- browsing

    /** The databases of a side with how many tables, partitions and functions each holds, by name. */
    public List<DatabaseSummary> databases(Side side) {
        return browser.databases(side);
    }

    /** A database as read. */
    public Optional<Database> database(Side side, String name) {
        return getRaw(side, ObjectKey.database(name)).map(Database.class::cast);
    }

    /**
     * One page of the tables of a database in name order, as read; {@code nameContains} (empty for all) matches
     * anywhere in the name, ignoring case.
     */
    public List<TableSummary> tables(Side side, String database, String nameContains, long offset, int limit) {
        return browser.tables(side, database, nameContains, offset, limit);
    }

    /** How many tables of a database match {@code nameContains} (see {@link #tables}). */
    public long countTables(Side side, String database, String nameContains) {
        return browser.countTables(side, database, nameContains);
    }

    /** A table as read. */
    public Optional<Table> table(Side side, String database, String table) {
        return getRaw(side, ObjectKey.table(database, table)).map(Table.class::cast);
    }

    /**
     * One page of a table's partitions in key order, as read, starting after the partition with values {@code after}
     * (empty for the first page): keyset paging, as fast on the last page as on the first.
     */
    public List<Partition> partitions(
            Side side, String database, String table, Optional<List<String>> after, int limit) {
        return browser.partitions(side, database, table, after, limit);
    }

    /** One page of a table's partitions in key order, as read, by offset (for a pager that jumps to page n). */
    public List<Partition> partitions(Side side, String database, String table, long offset, int limit) {
        return browser.partitions(side, database, table, offset, limit);
    }

    /** How many partitions of the table the snapshot holds. */
    public long countPartitions(Side side, String database, String table) {
        return browser.countPartitions(side, database, table);
    }

    /** How many partitions of the table have values matching {@code filter}; streams the keys only. */
    public long countPartitions(Side side, String database, String table, Predicate<List<String>> filter) {
        return browser.countPartitions(side, database, table, filter);
    }

    /** The functions of a database, as read, by name. */
    public List<Function> functions(Side side, String database) {
        return browser.functions(side, database);
    }

    /** How many objects of a kind a side holds. */
    public long count(Side side, ObjectKind kind) {
        requireNonNull(side, "side is null");
        requireNonNull(kind, "kind is null");
        return sql(() -> {
            try (Connection c = connection()) {
                return LoadLedger.counts(c, side)[kind.ordinal()];
            }
        });
    }

    /** The last (or current) load of a side, if any. */
    public Optional<LoadInfo> loadInfo(Side side) {
        requireNonNull(side, "side is null");
        return sql(() -> {
            try (Connection c = connection()) {
                return LoadLedger.loadInfo(c, side);
            }
        });
    }

    // ---------------------------------------------------------------- closing

    /** Closes the store; a file is compacted first (a bulk load leaves it several times larger than its data). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inserters.shutdown();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute(file ? "SHUTDOWN COMPACT" : "SHUTDOWN");
        } catch (SQLException e) {
            throw SnapshotFile.translate(description, file, e);
        } finally {
            pool.dispose();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    interface SqlCall<T> {
        T call() throws SQLException;
    }

    <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            if (file && DiskFullException.causedByFullDisk(e, Path.of(description))) {
                throw new DiskFullException(Path.of(description), e);
            }
            throw new SnapshotException(description + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code failure} as a {@link DiskFullException} when the disk holding this store's file is full (a failed write
     * reaches its callers wrapped by other stores of the project); otherwise {@code failure} itself.
     */
    public RuntimeException explain(RuntimeException failure) {
        return file ? DiskFullException.explain(failure, Path.of(description)) : failure;
    }
}
