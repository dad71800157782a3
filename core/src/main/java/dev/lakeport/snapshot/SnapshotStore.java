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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.h2.api.ErrorCode;
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
    private static final int SCAN_PAGE = 2_000;
    private static final String FILE_SUFFIX = ".mv.db";

    private final String description;
    private final JdbcConnectionPool pool;
    private final boolean file;
    private final ExecutorService inserters;
    private final Map<Long, ObjectCodec.Template> templates = new ConcurrentHashMap<>();
    /** Partition sets being written right now: listed as garbage (in case of a crash) but not to be collected. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    private volatile Mapping mapping;
    private volatile int partitionRunSize = PartitionLoad.RUN;
    private volatile boolean closed;

    record Mapping(UnaryOperator<CatalogObject> toDestinationForm, String id) {}

    private SnapshotStore(String description, String url, boolean file) {
        this.description = description;
        this.file = file;
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
        if (Files.exists(path) && checkHeader(path)) {
            // A cleanly closed file is checked read-only first, so that a file this version must not touch (a newer
            // schema) is recognised before H2 writes anything. A file left by a killed process needs recovery, which
            // read-only cannot do (and which changes the file anyway): it is checked after opening.
            JdbcConnectionPool readOnly = JdbcConnectionPool.create(url + ";ACCESS_MODE_DATA=r", "sa", "");
            try (Connection keepOpen = readOnly.getConnection()) {
                checkExisting(path.toString(), readOnly);
            } catch (SQLException e) {
                throw translate(path.toString(), true, e);
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
            Flyway flyway = flyway(store.pool);
            checkSchemaNotNewer(description, flyway);
            flyway.migrate();
            store.refreshCanonicalVersion();
            return store;
        } catch (SQLException e) {
            store.pool.dispose();
            store.inserters.shutdownNow();
            throw translate(description, file, e);
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

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    /** The read-only checks of an existing file: a Lakeport snapshot, of a schema this version knows. */
    private static void checkExisting(String description, DataSource dataSource) throws SQLException {
        try {
            Flyway flyway = flyway(dataSource);
            checkSchemaNotNewer(description, flyway);
            if (flyway.info().applied().length == 0 && hasTables(dataSource)) {
                throw new SnapshotException(description
                        + ": an H2 database of another application, not a Lakeport snapshot; choose a project file");
            }
        } catch (FlywayException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SnapshotException(description + ": cannot read the snapshot schema: " + e.getMessage(), e);
        }
    }

    private static boolean hasTables(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static void checkSchemaNotNewer(String description, Flyway flyway) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw new SnapshotException(description + ": the snapshot was written by a newer Lakeport (schema "
                        + info.getVersion() + "); open it with that version or start a new project");
            }
        }
    }

    /** Checks that the file is an H2 MVStore file; returns whether it was closed cleanly. */
    private static boolean checkHeader(Path path) {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SnapshotException(path + ": cannot read the snapshot file: " + e.getMessage(), e);
        }
        if (n == 0) {
            return false;
        }
        // An MVStore file starts with a text header "H:2,...,clean:1,..."; anything else is not ours to open.
        String header = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (!header.startsWith("H:2,")) {
            throw new SnapshotException(path + ": not an H2 database (no H2 file header); choose a project file");
        }
        int end = header.indexOf('\n');
        return List.of(header.substring(0, end < 0 ? header.length() : end).split(","))
                .contains("clean:1");
    }

    private static SnapshotException translate(String description, boolean file, SQLException e) {
        if (file && DiskFullException.causedByFullDisk(e, Path.of(description))) {
            return new DiskFullException(Path.of(description), e);
        }
        int code = e.getErrorCode();
        String problem;
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            problem = "the file is in use by another process (close the other Lakeport window or job)";
        } else if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1) {
            problem = "not an H2 database, or corrupted";
        } else if (code == ErrorCode.FILE_NOT_FOUND_1 || code == ErrorCode.IO_EXCEPTION_1) {
            problem = "cannot read or write the file";
        } else {
            problem = "H2 error " + code;
        }
        return new SnapshotException(description + ": " + problem + ": " + e.getMessage(), e);
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
        return inFlight;
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
                Optional<LoadInfo> previous = loadInfo(c, side);
                long generation;
                if (previous.isPresent()
                        && !previous.get().complete()
                        && previous.get().origin().sameCatalog(origin)) {
                    generation = previous.get().generation();
                    // A resume trusts nothing the interrupted attempt saw until this attempt sees it again: what it
                    // stored goes back to "not seen", this attempt's listing stamps what still exists, and finish()
                    // deletes the rest. Partitions stay, for the tables this attempt lists again unchanged.
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE snapshot_object SET generation = ?" + " WHERE side = ? AND generation = ?")) {
                        ps.setLong(1, generation - 1);
                        ps.setInt(2, side.ordinal());
                        ps.setLong(3, generation);
                        ps.executeUpdate();
                    }
                } else {
                    generation = previous.map(p -> p.generation() + 1).orElse(1L);
                    try (PreparedStatement ps = c.prepareStatement("MERGE INTO snapshot_load (side, generation,"
                            + " connector, endpoint, catalog_id, started_at, finished_at, complete, mapping_id,"
                            + " canonical_version) KEY (side) VALUES (?, ?, ?, ?, ?, ?, NULL, FALSE, ?, ?)")) {
                        ps.setInt(1, side.ordinal());
                        ps.setLong(2, generation);
                        ps.setString(3, origin.connector());
                        ps.setString(4, origin.endpoint());
                        ps.setString(5, origin.catalogId().orElse(null));
                        ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                        ps.setString(7, side == Side.SOURCE ? mappingId : null);
                        ps.setInt(8, CanonicalForm.VERSION);
                        ps.executeUpdate();
                    }
                }
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
                        return isTableComplete(c, side, ObjectKey.table(database, table), info.generation());
                    }
                }))
                .orElse(false);
    }

    /** The table row is of this generation (listed by this attempt) and so are its partitions. */
    static boolean isTableComplete(Connection c, Side side, ObjectKey tableKey, long generation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT generation, partition_generation FROM snapshot_object" + " WHERE side = ? AND sort_key = ?")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, tableKey.sortKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != generation) {
                    return false;
                }
                long g = rs.getLong(2);
                return !rs.wasNull() && g == generation;
            }
        }
    }

    /** Deletes partition sets no table points at: replaced ones and those of interrupted loads. */
    private static boolean exists(PreparedStatement query, long id) throws SQLException {
        query.setLong(1, id);
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    void collectGarbage() throws SQLException {
        try (Connection c = connection()) {
            List<Long> ids = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT table_id FROM snapshot_garbage")) {
                while (rs.next()) {
                    if (!inFlight.contains(rs.getLong(1))) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM snapshot_chunk WHERE table_id = ? FETCH FIRST 200 ROWS ONLY");
                    PreparedStatement done = c.prepareStatement("DELETE FROM snapshot_garbage WHERE table_id = ?");
                    PreparedStatement stillGarbage = c.prepareStatement("SELECT 1 FROM snapshot_garbage g"
                            + " WHERE g.table_id = ? AND NOT EXISTS"
                            + " (SELECT 1 FROM snapshot_object o WHERE o.table_id = g.table_id)")) {
                for (long id : ids) {
                    // The list above may be stale: a load can have switched its table to this id and left the
                    // in-flight set since. A load commits before it leaves that set, so checking both again here,
                    // right before deleting, never loses partitions a table points at.
                    if (inFlight.contains(id) || !exists(stillGarbage, id)) {
                        continue;
                    }
                    delete.setLong(1, id);
                    // Small transactions: deleting a million rows at once would hold them all in the undo log.
                    while (delete.executeUpdate() > 0) {
                        c.commit();
                    }
                    done.setLong(1, id);
                    done.executeUpdate();
                    c.commit();
                    templates.remove(id);
                }
            }
        }
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
            if (isStale(c, Side.SOURCE)) {
                setMappingId(c, Optional.empty());
                setCanonicalVersion(c, Side.SOURCE);
                c.commit();
            }
        }
        boolean destinationStale;
        try (Connection c = connection()) {
            destinationStale = isStale(c, Side.DESTINATION);
        }
        if (destinationStale) {
            Optional<LoadInfo> info = loadInfo(Side.DESTINATION);
            if (info.isPresent()) {
                Refingerprint.destination(this, info.get(), ProgressListener.NONE, CancellationToken.NONE);
            }
        }
    }

    private static boolean isStale(Connection c, Side side) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT canonical_version FROM snapshot_load WHERE side = ?")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                int version = rs.getInt(1);
                return rs.wasNull() || version != CanonicalForm.VERSION;
            }
        }
    }

    static void setCanonicalVersion(Connection c, Side side) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE snapshot_load SET canonical_version = ? WHERE side = ?")) {
            ps.setInt(1, CanonicalForm.VERSION);
            ps.setInt(2, side.ordinal());
            ps.executeUpdate();
        }
    }

    void setMappingId(Connection c, Optional<String> mappingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot_load SET mapping_id = ? WHERE side = ?")) {
            ps.setString(1, mappingId.orElse(null));
            ps.setInt(2, Side.SOURCE.ordinal());
            ps.executeUpdate();
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
        return sql(() -> new Scan(side));
    }

    @Override
    public Optional<CatalogObject> get(Side side, ObjectKey key) {
        UnaryOperator<CatalogObject> m = mapper(side);
        return getRaw(side, key).map(m);
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
                        partitions(c, side, key.parent().orElseThrow(), List.of(key.partitionValues()));
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
        return mapped;
    }

    /** As {@link #getMany} without mapping. */
    public Map<ObjectKey, Partition> getManyRaw(Side side, String database, String table, List<List<String>> values) {
        requireNonNull(side, "side is null");
        requireNonNull(values, "values is null");
        ObjectKey tableKey = ObjectKey.table(database, table);
        return sql(() -> {
            try (Connection c = connection()) {
                return partitions(c, side, tableKey, values);
            }
        });
    }

    private Map<ObjectKey, Partition> partitions(Connection c, Side side, ObjectKey tableKey, List<List<String>> values)
            throws SQLException {
        Map<ObjectKey, Partition> result = new LinkedHashMap<>();
        Optional<TableRef> ref = tableRef(c, side, tableKey);
        if (ref.isEmpty() || values.isEmpty()) {
            return result;
        }
        long tableId = ref.get().tableId();
        // Sorted, so that neighbours (the usual batch) are served by the chunk already decoded.
        List<String> keys = values.stream().map(SnapshotStore::partKey).sorted().toList();
        Map<String, Partition> found = new HashMap<>();
        PartitionChunk chunk = null;
        for (String key : keys) {
            if (chunk == null || key.compareTo(chunk.keys[0]) < 0 || key.compareTo(chunk.lastKey()) > 0) {
                chunk = new ChunkCursor(c, tableId, 0, key, true, ChunkCursor.LOOKUP_PAGE).next();
                if (chunk == null) {
                    break;
                }
            }
            int i = chunk.indexOf(key);
            if (i >= 0) {
                found.put(key, decodePartition(c, tableId, key, chunk.bodies[i]));
            }
        }
        for (List<String> v : values) {
            Partition p = found.get(partKey(v));
            if (p != null) {
                result.put(ObjectKey.partition(tableKey.database(), tableKey.requireName(), v), p);
            }
        }
        return result;
    }

    record TableRef(long tableId, long partitionCount, long partitionGeneration) {}

    static Optional<TableRef> tableRef(Connection c, Side side, ObjectKey tableKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, partition_count, partition_generation"
                + " FROM snapshot_object WHERE side = ? AND sort_key = ?")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, tableKey.sortKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                return Optional.of(new TableRef(id, rs.getLong(2), rs.getLong(3)));
            }
        }
    }

    Partition decodePartition(Connection c, long tableId, String partKey, byte[] body) throws SQLException {
        return ObjectCodec.decodePartition(body, template(c, tableId), values(partKey));
    }

    ObjectCodec.Template template(Connection c, long tableId) throws SQLException {
        ObjectCodec.Template cached = templates.get(tableId);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT partition_template FROM snapshot_object WHERE table_id = ?")) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SnapshotException(description + ": partitions of table id " + tableId + " have no table");
                }
                ObjectCodec.Template t = ObjectCodec.decodeTemplate(rs.getBytes(1));
                if (templates.size() > 10_000) {
                    templates.clear();
                }
                templates.put(tableId, t);
                return t;
            }
        }
    }

    static String partKey(List<String> values) {
        return String.join(String.valueOf(VALUE_SEPARATOR), values);
    }

    static List<String> values(String partKey) {
        if (partKey.indexOf(VALUE_SEPARATOR) < 0) {
            return List.of(partKey);
        }
        return List.of(partKey.split(String.valueOf(VALUE_SEPARATOR), -1));
    }

    /** Keyset paging over every object of a side, in ObjectKey order; each table is followed by its partitions. */
    private final class Scan implements CloseableIterator<ScanEntry> {
        private final Side side;
        private final Connection c;
        private final PreparedStatement objects;
        private List<ObjectRow> objectPage = List.of();
        private int objectIndex;
        private boolean objectsExhausted;
        private String lastSortKey = "";
        private ObjectRow partitionOwner;
        private ChunkCursor chunks;
        private PartitionChunk chunk;
        private int partIndex;
        private ScanEntry next;

        Scan(Side side) throws SQLException {
            this.side = side;
            this.c = connection();
            try {
                objects = c.prepareStatement("SELECT sort_key, kind, db_name, obj_name, fingerprint, table_id"
                        + " FROM snapshot_object WHERE side = ? AND sort_key > ? ORDER BY side, sort_key"
                        + " FETCH FIRST " + SCAN_PAGE + " ROWS ONLY");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = sql(this::advance);
            }
            return next != null;
        }

        @Override
        public ScanEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ScanEntry e = next;
            next = null;
            return e;
        }

        private ScanEntry advance() throws SQLException {
            if (partitionOwner != null) {
                while (chunk == null || partIndex == chunk.size()) {
                    chunk = chunks.next();
                    partIndex = 0;
                    if (chunk == null) {
                        break;
                    }
                }
                if (chunk != null) {
                    int i = partIndex++;
                    return new ScanEntry(
                            ObjectKey.partition(partitionOwner.db(), partitionOwner.name(), values(chunk.keys[i])),
                            chunk.fingerprints[i]);
                }
                partitionOwner = null;
            }
            if (objectIndex == objectPage.size()) {
                if (objectsExhausted) {
                    return null;
                }
                loadObjectPage();
                if (objectPage.isEmpty()) {
                    return null;
                }
            }
            ObjectRow row = objectPage.get(objectIndex++);
            if (row.tableId() != null) {
                partitionOwner = row;
                chunks = new ChunkCursor(c, row.tableId(), 0, "", false);
                chunk = null;
            }
            return new ScanEntry(row.key(), row.fingerprint());
        }

        private void loadObjectPage() throws SQLException {
            List<ObjectRow> page = new ArrayList<>(SCAN_PAGE);
            objects.setInt(1, side.ordinal());
            objects.setString(2, lastSortKey);
            try (ResultSet rs = objects.executeQuery()) {
                while (rs.next()) {
                    String sortKey = rs.getString(1);
                    byte kind = rs.getByte(2);
                    String db = rs.getString(3);
                    String name = rs.getString(4);
                    long fp = rs.getLong(5);
                    long tableId = rs.getLong(6);
                    Long id = rs.wasNull() ? null : tableId;
                    ObjectKey key = kind == DATABASE
                            ? ObjectKey.database(db)
                            : kind == TABLE ? ObjectKey.table(db, name) : ObjectKey.function(db, name);
                    page.add(new ObjectRow(key, db, name, fp, id));
                    lastSortKey = sortKey;
                }
            }
            objectsExhausted = page.size() < SCAN_PAGE;
            objectPage = page;
            objectIndex = 0;
        }

        @Override
        public void close() {
            sql(() -> {
                c.close();
                return null;
            });
        }
    }

    private record ObjectRow(ObjectKey key, String db, String name, long fingerprint, Long tableId) {}

    // ---------------------------------------------------------------- browsing

    /** The databases of a side with how many tables, partitions and functions each holds, by name. */
    public List<DatabaseSummary> databases(Side side) {
        requireNonNull(side, "side is null");
        return sql(() -> {
            try (Connection c = connection();
                    PreparedStatement ps = c.prepareStatement("SELECT db_name,"
                            + " SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END), SUM(partition_count),"
                            + " SUM(CASE WHEN kind = 2 THEN 1 ELSE 0 END)"
                            + " FROM snapshot_object WHERE side = ? GROUP BY db_name ORDER BY db_name")) {
                ps.setInt(1, side.ordinal());
                List<DatabaseSummary> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new DatabaseSummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return result;
            }
        });
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
        requireNonNull(side, "side is null");
        requireNonNull(nameContains, "nameContains is null");
        checkPage(offset, limit);
        return sql(() -> {
            try (Connection c = connection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT body, partition_count, partition_generation,"
                                    + " (SELECT generation FROM snapshot_load l WHERE l.side = o.side)"
                                    + " FROM snapshot_object o WHERE side = ? AND sort_key >= ? AND sort_key < ? AND kind = 1"
                                    + " AND obj_name LIKE ? ESCAPE '\\' ORDER BY side, sort_key OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                bindTableRange(ps, side, database, nameContains);
                ps.setLong(5, offset);
                ps.setInt(6, limit);
                List<TableSummary> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Table t = (Table) ObjectCodec.decode(rs.getBytes(1));
                        long partitionGeneration = rs.getLong(3);
                        boolean complete = !rs.wasNull() && partitionGeneration == rs.getLong(4);
                        result.add(new TableSummary(t, rs.getLong(2), complete));
                    }
                }
                return result;
            }
        });
    }

    /** How many tables of a database match {@code nameContains} (see {@link #tables}). */
    public long countTables(Side side, String database, String nameContains) {
        requireNonNull(side, "side is null");
        requireNonNull(nameContains, "nameContains is null");
        return sql(() -> {
            try (Connection c = connection();
                    PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM snapshot_object o"
                            + " WHERE side = ? AND sort_key >= ? AND sort_key < ? AND kind = 1"
                            + " AND obj_name LIKE ? ESCAPE '\\'")) {
                bindTableRange(ps, side, database, nameContains);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void bindTableRange(PreparedStatement ps, Side side, String database, String nameContains)
            throws SQLException {
        // Tables of db have sort keys db\1 1\1 name\1 0, so they form one range of the primary key.
        String prefix = ObjectKey.database(database).database() + VALUE_SEPARATOR + "1" + VALUE_SEPARATOR;
        ps.setInt(1, side.ordinal());
        ps.setString(2, prefix);
        ps.setString(3, prefix.substring(0, prefix.length() - 1) + (char) (VALUE_SEPARATOR + 1));
        String escaped = nameContains
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        ps.setString(4, "%" + escaped + "%");
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
        requireNonNull(after, "after is null");
        checkPage(0, limit);
        return partitionPage(side, database, table, after.map(SnapshotStore::partKey), 0, limit);
    }

    /** One page of a table's partitions in key order, as read, by offset (for a pager that jumps to page n). */
    public List<Partition> partitions(Side side, String database, String table, long offset, int limit) {
        checkPage(offset, limit);
        return partitionPage(side, database, table, Optional.empty(), offset, limit);
    }

    private List<Partition> partitionPage(
            Side side, String database, String table, Optional<String> after, long offset, int limit) {
        requireNonNull(side, "side is null");
        ObjectKey tableKey = ObjectKey.table(database, table);
        return sql(() -> {
            try (Connection c = connection()) {
                Optional<TableRef> ref = tableRef(c, side, tableKey);
                if (ref.isEmpty()) {
                    return List.of();
                }
                long tableId = ref.get().tableId();
                String from = after.orElse("");
                long skip = 0;
                if (offset > 0) {
                    // Chunk sizes locate the offset without decoding the chunks before it.
                    try (PreparedStatement ps = c.prepareStatement("SELECT last_key, entries FROM snapshot_chunk"
                            + " WHERE table_id = ? AND run_no = 0 ORDER BY table_id, run_no, last_key")) {
                        ps.setLong(1, tableId);
                        long before = 0;
                        from = null;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                int entries = rs.getInt(2);
                                if (before + entries > offset) {
                                    from = rs.getString(1);
                                    skip = offset - before;
                                    break;
                                }
                                before += entries;
                            }
                        }
                        if (from == null) {
                            return List.of();
                        }
                    }
                }
                // Fetch about as many chunks as the page needs (not a scan's 16): a browser's page of 200 then
                // decodes two chunks instead of sixteen.
                int chunksPerQuery = Math.min(ChunkCursor.SCAN_PAGE, limit / PartitionChunk.CAPACITY + 2);
                ChunkCursor chunks = new ChunkCursor(c, tableId, 0, from, true, chunksPerQuery);
                List<Partition> result = new ArrayList<>(limit);
                PartitionChunk chunk;
                while (result.size() < limit && (chunk = chunks.next()) != null) {
                    for (int i = 0; i < chunk.size() && result.size() < limit; i++) {
                        if (skip > 0) {
                            skip--;
                            continue;
                        }
                        if (after.isPresent() && chunk.keys[i].compareTo(after.get()) <= 0) {
                            continue;
                        }
                        result.add(decodePartition(c, tableId, chunk.keys[i], chunk.bodies[i]));
                    }
                }
                return result;
            }
        });
    }

    /** How many partitions of the table the snapshot holds. */
    public long countPartitions(Side side, String database, String table) {
        requireNonNull(side, "side is null");
        return sql(() -> {
            try (Connection c = connection()) {
                return tableRef(c, side, ObjectKey.table(database, table))
                        .map(TableRef::partitionCount)
                        .orElse(0L);
            }
        });
    }

    /** How many partitions of the table have values matching {@code filter}; streams the keys only. */
    public long countPartitions(Side side, String database, String table, Predicate<List<String>> filter) {
        requireNonNull(side, "side is null");
        requireNonNull(filter, "filter is null");
        return sql(() -> {
            try (Connection c = connection()) {
                Optional<TableRef> ref = tableRef(c, side, ObjectKey.table(database, table));
                if (ref.isEmpty()) {
                    return 0L;
                }
                long count = 0;
                ChunkCursor chunks = new ChunkCursor(c, ref.get().tableId(), 0, "", false);
                PartitionChunk chunk;
                while ((chunk = chunks.next()) != null) {
                    for (String key : chunk.keys) {
                        if (filter.test(values(key))) {
                            count++;
                        }
                    }
                }
                return count;
            }
        });
    }

    /** The functions of a database, as read, by name. */
    public List<Function> functions(Side side, String database) {
        requireNonNull(side, "side is null");
        String prefix = ObjectKey.database(database).database() + VALUE_SEPARATOR + "2" + VALUE_SEPARATOR;
        return sql(() -> {
            try (Connection c = connection();
                    PreparedStatement ps = c.prepareStatement("SELECT body FROM snapshot_object"
                            + " WHERE side = ? AND sort_key >= ? AND sort_key < ? ORDER BY side, sort_key")) {
                ps.setInt(1, side.ordinal());
                ps.setString(2, prefix);
                ps.setString(3, prefix.substring(0, prefix.length() - 1) + (char) (VALUE_SEPARATOR + 1));
                List<Function> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add((Function) ObjectCodec.decode(rs.getBytes(1)));
                    }
                }
                return result;
            }
        });
    }

    /** How many objects of a kind a side holds. */
    public long count(Side side, ObjectKind kind) {
        requireNonNull(side, "side is null");
        requireNonNull(kind, "kind is null");
        return sql(() -> {
            try (Connection c = connection()) {
                return counts(c, side)[kind.ordinal()];
            }
        });
    }

    /** Counts by {@link ObjectKind} ordinal. */
    static long[] counts(Connection c, Side side) throws SQLException {
        long[] counts = new long[ObjectKind.values().length];
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, COUNT(*), SUM(partition_count)" + " FROM snapshot_object WHERE side = ? GROUP BY kind")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte kind = rs.getByte(1);
                    if (kind == DATABASE) {
                        counts[ObjectKind.DATABASE.ordinal()] = rs.getLong(2);
                    } else if (kind == TABLE) {
                        counts[ObjectKind.TABLE.ordinal()] = rs.getLong(2);
                        counts[ObjectKind.PARTITION.ordinal()] = rs.getLong(3);
                    } else {
                        counts[ObjectKind.FUNCTION.ordinal()] = rs.getLong(2);
                    }
                }
            }
        }
        return counts;
    }

    /** The last (or current) load of a side, if any. */
    public Optional<LoadInfo> loadInfo(Side side) {
        requireNonNull(side, "side is null");
        return sql(() -> {
            try (Connection c = connection()) {
                return loadInfo(c, side);
            }
        });
    }

    static Optional<LoadInfo> loadInfo(Connection c, Side side) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation, connector, endpoint, catalog_id,"
                + " started_at, finished_at, complete, mapping_id FROM snapshot_load WHERE side = ?")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                LoadOrigin origin = LoadOrigin.of(rs.getString(2), rs.getString(3), rs.getString(4));
                Instant started = rs.getObject(5, OffsetDateTime.class).toInstant();
                Optional<Instant> finished = Optional.ofNullable(rs.getObject(6, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant);
                long[] counts = counts(c, side);
                return Optional.of(new LoadInfo(
                        side,
                        rs.getLong(1),
                        origin,
                        started,
                        finished,
                        rs.getBoolean(7),
                        Optional.ofNullable(rs.getString(8)),
                        counts[ObjectKind.DATABASE.ordinal()],
                        counts[ObjectKind.TABLE.ordinal()],
                        counts[ObjectKind.PARTITION.ordinal()],
                        counts[ObjectKind.FUNCTION.ordinal()]));
            }
        }
    }

    private static void checkPage(long offset, int limit) {
        if (offset < 0 || limit <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and limit > 0, got " + offset + ", " + limit);
        }
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
            throw translate(description, file, e);
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
