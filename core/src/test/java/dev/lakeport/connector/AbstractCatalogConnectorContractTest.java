package dev.lakeport.connector;

import static dev.lakeport.connector.TestingCatalogObjects.database;
import static dev.lakeport.connector.TestingCatalogObjects.function;
import static dev.lakeport.connector.TestingCatalogObjects.partition;
import static dev.lakeport.connector.TestingCatalogObjects.partitionedTable;
import static dev.lakeport.connector.TestingCatalogObjects.partitions;
import static dev.lakeport.connector.TestingCatalogObjects.plainTable;
import static dev.lakeport.connector.TestingCatalogObjects.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every connector must do, written once. A connector's test extends this class, says how to reach an empty
 * catalog, and (where its catalog legitimately normalises what it stores) overrides {@link #expectedAfterRoundTrip}.
 *
 * <p>Round trips compare the canonical form (what the diff compares) and, exactly, the fields the canonical form
 * leaves out or folds but a user would still notice: column name and type spelling and access times.
 */
public abstract class AbstractCatalogConnectorContractTest {
    protected static final String DB = "sales";

    protected CatalogReader reader;
    protected CatalogWriter writer;

    /** A new reader on the catalog under test; closed after each test. */
    protected abstract CatalogReader openReader();

    /** A new writer on the catalog under test; closed after each test. */
    protected abstract CatalogWriter openWriter();

    /**
     * Empties the catalog before each test. The default removes everything through the SPI; a connector whose
     * emulator can be cleared directly may override it with something faster.
     */
    protected void emptyCatalog() {
        List<String> names;
        try (Stream<Database> databases = reader.databases()) {
            names = databases.map(Database::name).toList();
        }
        for (String name : names) {
            List<String> tables;
            try (Stream<Table> stream = reader.tables(name)) {
                tables = stream.map(Table::name).toList();
            }
            tables.forEach(t -> writer.deleteTable(name, t));
            List<String> functions;
            try (Stream<Function> stream = reader.functions(name)) {
                functions = stream.map(Function::name).toList();
            }
            functions.forEach(f -> writer.deleteFunction(name, f));
            writer.deleteDatabase(name);
        }
    }

    /**
     * Whether the catalog under test holds what {@code capability} names (views, functions); tests of what it does not
     * hold are skipped. Every capability unless overridden.
     */
    protected boolean holds(Capability capability) {
        return true;
    }

    /**
     * Makes a database the tests work in. A catalog whose databases are made outside its API (a MaxCompute project is
     * created in its console) overrides this to make it as a user would, and checks there what its writer says.
     */
    protected void createDatabase(Database database) {
        writer.createDatabase(database);
    }

    /** Removes a database the tests made; see {@link #createDatabase}. */
    protected void deleteDatabase(String name) {
        writer.deleteDatabase(name);
    }

    /** What reading back {@code written} legitimately returns; identity unless the catalog normalises. */
    protected CatalogObject expectedAfterRoundTrip(CatalogObject written) {
        return written;
    }

    @BeforeEach
    void openAndEmpty() {
        reader = openReader();
        writer = openWriter();
        emptyCatalog();
    }

    @AfterEach
    void closeConnections() {
        if (reader != null) {
            reader.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    // ---- round trips -------------------------------------------------------------------------------------------

    @Test
    void databaseReadsBackAsWritten() {
        Database written = database(DB);
        createDatabase(written);

        assertRoundTrip(written, reader.database(DB).orElseThrow());
        try (Stream<Database> all = reader.databases()) {
            assertThat(all.map(Database::name)).containsExactly(DB);
        }
        assertThat(reader.databaseCount()).isEqualTo(1);
    }

    @Test
    void partitionedTableReadsBackWithEveryStorageField() {
        createDatabase(database(DB));
        Table written = partitionedTable(DB, "orders");
        writer.createTable(written);

        Table read = reader.table(DB, "orders").orElseThrow();
        assertRoundTrip(written, read);
        StorageDescriptor sd = read.storageDescriptor().orElseThrow();
        StorageDescriptor expectedSd =
                expectedTable(written).storageDescriptor().orElseThrow();
        assertThat(sd.skewedInfo()).isEqualTo(expectedSd.skewedInfo());
        assertThat(sd.sortColumns()).isEqualTo(expectedSd.sortColumns());
        assertThat(sd.numberOfBuckets()).isEqualTo(expectedSd.numberOfBuckets());
        assertThat(sd.serDeInfo()).isEqualTo(expectedSd.serDeInfo());
        try (Stream<Table> tables = reader.tables(DB)) {
            assertThat(tables.map(t -> CanonicalForm.normalize(t)))
                    .containsExactly(CanonicalForm.normalize(expectedTable(written)));
        }
    }

    @Test
    protected void viewReadsBackWithItsTexts() {
        assumeTrue(holds(Capability.VIEWS), "the catalog holds no views");
        createDatabase(database(DB));
        writer.createTable(partitionedTable(DB, "orders"));
        Table written = view(DB, "daily_revenue", "orders");
        writer.createTable(written);

        Table read = reader.table(DB, "daily_revenue").orElseThrow();
        assertRoundTrip(written, read);
        assertThat(read.isView()).isTrue();
        assertThat(read.viewOriginalText()).isEqualTo(expectedTable(written).viewOriginalText());
        assertThat(read.viewExpandedText()).isEqualTo(expectedTable(written).viewExpandedText());
    }

    @Test
    void partitionsReadBackAsWritten() {
        Table table = createPartitionedTable("orders");
        List<Partition> written = partitions(table, 12);
        assertThat(writer.createPartitions(table, written).failures()).isEmpty();

        Map<ObjectKey, Partition> read = readAllPartitions(table, Optional.empty());
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(keys(written));
        for (Partition p : written) {
            assertRoundTrip(p, read.get(p.key()));
        }
    }

    @Test
    void functionReadsBackAsWritten() {
        assumeTrue(holds(Capability.FUNCTIONS), "the catalog holds no functions");
        createDatabase(database(DB));
        Function written = function(DB, "normalize_phone");
        writer.createFunction(written);

        assertRoundTrip(written, reader.function(DB, "normalize_phone").orElseThrow());
        try (Stream<Function> functions = reader.functions(DB)) {
            assertThat(functions.map(Function::name)).containsExactly("normalize_phone");
        }
    }

    // ---- paging --------------------------------------------------------------------------------------------------

    @Test
    void listsMoreTablesThanOnePage() {
        createDatabase(database(DB));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String name = String.format("events_%03d", i);
            writer.createTable(plainTable(DB, name));
            names.add(name);
        }

        try (Stream<Table> tables = reader.tables(DB)) {
            // a list, not a set: a table seen twice must fail
            assertThat(tables.map(Table::name).toList()).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void listsMorePartitionsThanOnePage() {
        Table table = createPartitionedTable("orders");
        List<Partition> written = partitions(table, 2_600);
        createAll(table, written);

        List<ObjectKey> seen;
        try (Stream<Partition> stream = reader.partitions(table, Optional.empty())) {
            seen = stream.map(Partition::key).toList();
        }
        assertThat(seen).hasSize(written.size()).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(keys(written));
    }

    @Test
    void closingAPartitionStreamEarlyStopsCleanly() {
        Table table = createPartitionedTable("orders");
        createAll(table, partitions(table, 1_200));

        try (Stream<Partition> stream = reader.partitions(table, Optional.empty())) {
            assertThat(stream.limit(5).count()).isEqualTo(5);
        }
        // the reader stays usable after an abandoned listing
        assertThat(reader.table(DB, "orders")).isPresent();
    }

    // ---- filtered and keyed reads ----------------------------------------------------------------------------------

    @Test
    void partitionsByExpression() {
        Table table = createPartitionedTable("orders");
        List<Partition> written = partitions(table, 30); // 2022-01-01 .. 2022-01-10, regions eu / us / apac
        createAll(table, written);

        Map<ObjectKey, Partition> read = readAllPartitions(table, Optional.of("dt >= '2022-01-08' AND region = 'eu'"));

        List<ObjectKey> expected = written.stream()
                .filter(p -> p.values().get(0).compareTo("2022-01-08") >= 0)
                .filter(p -> p.values().get(1).equals("eu"))
                .map(Partition::key)
                .toList();
        assertThat(expected).hasSize(3);
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void partitionsByValuesLeaveOutMissingOnes() {
        Table table = createPartitionedTable("orders");
        List<Partition> written = partitions(table, 9);
        createAll(table, written);

        List<List<String>> asked = List.of(
                written.get(0).values(),
                List.of("1999-12-31", "eu"),
                written.get(4).values(),
                List.of("2022-01-02", "mars"));
        List<Partition> read = reader.partitions(table, asked);

        assertThat(read).extracting(Partition::values).containsExactlyInAnyOrder(asked.get(0), asked.get(2));
        assertRoundTrip(written.get(4), byValues(read).get(written.get(4).values()));
    }

    @Test
    void partitionsByManyValuesSpanSeveralCalls() {
        Table table = createPartitionedTable("orders");
        List<Partition> written = partitions(table, 1_500);
        createAll(table, written);

        List<Partition> read =
                reader.partitions(table, written.stream().map(Partition::values).toList());

        assertThat(read).extracting(Partition::key).containsExactlyInAnyOrderElementsOf(keys(written));
    }

    // ---- missing objects and conflicts ------------------------------------------------------------------------------

    @Test
    void getsOfMissingObjectsAreEmpty() {
        createDatabase(database(DB));

        assertThat(reader.database("no_such_db")).isEmpty();
        assertThat(reader.table(DB, "no_such_table")).isEmpty();
        assertThat(reader.table("no_such_db", "orders")).isEmpty();
        assertThat(reader.function(DB, "no_such_function")).isEmpty();
    }

    @Test
    void listingTablesOfAMissingDatabaseIsNotFound() {
        assertCode(
                () -> {
                    try (Stream<Table> tables = reader.tables("no_such_db")) {
                        tables.toList();
                    }
                },
                ErrorCode.NOT_FOUND);
    }

    @Test
    void duplicateCreatesAreAlreadyExists() {
        createDatabase(database(DB));
        writer.createTable(partitionedTable(DB, "orders"));
        if (holds(Capability.FUNCTIONS)) {
            writer.createFunction(function(DB, "normalize_phone"));
        }

        assertCode(() -> writer.createDatabase(database(DB)), ErrorCode.ALREADY_EXISTS);
        assertCode(() -> writer.createTable(partitionedTable(DB, "orders")), ErrorCode.ALREADY_EXISTS);
        if (holds(Capability.FUNCTIONS)) {
            assertCode(() -> writer.createFunction(function(DB, "normalize_phone")), ErrorCode.ALREADY_EXISTS);
        }
    }

    @Test
    void deletesOfMissingObjectsAreNotFound() {
        createDatabase(database(DB));

        assertCode(() -> writer.deleteDatabase("no_such_db"), ErrorCode.NOT_FOUND);
        assertCode(() -> writer.deleteTable(DB, "no_such_table"), ErrorCode.NOT_FOUND);
        if (holds(Capability.FUNCTIONS)) {
            assertCode(() -> writer.deleteFunction(DB, "no_such_function"), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void batchCreateReportsExistingEntriesAndCreatesTheRest() {
        Table table = createPartitionedTable("orders");
        List<Partition> all = partitions(table, 10);
        createAll(table, List.of(all.get(2), all.get(7)));

        BatchResult result = writer.createPartitions(table, all);

        assertThat(result.failures())
                .extracting(BatchResult.Failure::partitionValues)
                .containsExactlyInAnyOrder(all.get(2).values(), all.get(7).values());
        assertThat(result.failures())
                .allSatisfy(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(readAllPartitions(table, Optional.empty()).keySet()).containsExactlyInAnyOrderElementsOf(keys(all));
    }

    @Test
    void batchDeleteReportsMissingEntries() {
        Table table = createPartitionedTable("orders");
        List<Partition> all = partitions(table, 4);
        createAll(table, all);

        BatchResult result = writer.deletePartitions(
                table,
                List.of(
                        all.get(0).values(),
                        List.of("1999-12-31", "eu"),
                        all.get(3).values()));

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.partitionValues()).isEqualTo(List.of("1999-12-31", "eu"));
            assertThat(f.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        });
        assertThat(readAllPartitions(table, Optional.empty()).keySet())
                .containsExactlyInAnyOrder(all.get(1).key(), all.get(2).key());
    }

    @Test
    void fullBatchesAtTheWriterLimits() {
        Table table = createPartitionedTable("orders");
        WriterLimits limits = writer.limits();
        List<Partition> created = partitions(table, limits.createPartitions());

        assertThat(writer.createPartitions(table, created).failures()).isEmpty();

        List<Partition> changed = created.subList(0, Math.min(limits.updatePartitions(), created.size())).stream()
                .map(p -> p.withParameters(withEntry(p.parameters(), "numRows", "42")))
                .toList();
        assertThat(writer.updatePartitions(table, changed).failures()).isEmpty();

        List<List<String>> deleted = created.subList(0, Math.min(limits.deletePartitions(), created.size())).stream()
                .map(Partition::values)
                .toList();
        assertThat(writer.deletePartitions(table, deleted).failures()).isEmpty();

        Map<ObjectKey, Partition> read = readAllPartitions(table, Optional.empty());
        assertThat(read).hasSize(created.size() - deleted.size());
        for (Partition p : changed.subList(deleted.size(), changed.size())) {
            assertThat(read).containsKey(p.key());
            // a catalog whose partitions hold no parameters keeps none (see expectedAfterRoundTrip)
            if (((Partition) expectedAfterRoundTrip(p)).parameters().containsKey("numRows")) {
                assertThat(read.get(p.key()).parameters()).containsEntry("numRows", "42");
            }
        }
    }

    // ---- updates and deletes
    // -----------------------------------------------------------------------------------------

    @Test
    void updatesAreVisibleOnRead() {
        Table table = createPartitionedTable("orders");
        Partition partition = partition(table, "2024-02-29", "eu");
        createAll(table, List.of(partition));
        boolean functions = holds(Capability.FUNCTIONS);
        if (functions) {
            writer.createFunction(function(DB, "normalize_phone"));
        }

        Database db = database(DB).withParameters(Map.of("owner_team", "finance"));
        writer.updateDatabase(db);
        List<Column> columns =
                new ArrayList<>(table.storageDescriptor().orElseThrow().columns());
        columns.add(Column.of("coupon_code", "string", "added in v2"));
        Table changedTable = table.toBuilder()
                .storageDescriptor(table.storageDescriptor().orElseThrow().toBuilder()
                        .columns(columns)
                        .build())
                .parameters(withEntry(table.parameters(), "schema_version", "2"))
                .build();
        writer.updateTable(changedTable);
        Partition changedPartition = partition
                .withStorageDescriptor(
                        partition.storageDescriptor().orElseThrow().withLocation("s3://acme-archive/x"))
                .withParameters(Map.of("numRows", "7"));
        assertThat(writer.updatePartitions(table, List.of(changedPartition)).failures())
                .isEmpty();
        Function f = function(DB, "normalize_phone");
        Function changedFunction = new Function(
                f.databaseName(),
                f.name(),
                "com.acme.hive.udf.NormalizePhoneV2",
                f.ownerName(),
                f.ownerType(),
                f.functionType(),
                f.resourceUris().subList(0, 1),
                Optional.empty());
        if (functions) {
            writer.updateFunction(changedFunction);
        }

        assertRoundTrip(db, reader.database(DB).orElseThrow());
        assertRoundTrip(changedTable, reader.table(DB, "orders").orElseThrow());
        assertRoundTrip(
                changedPartition,
                byValues(reader.partitions(table, List.of(partition.values()))).get(partition.values()));
        if (functions) {
            assertRoundTrip(
                    changedFunction, reader.function(DB, "normalize_phone").orElseThrow());
        }
    }

    @Test
    void deletingATableRemovesItsPartitions() {
        Table table = createPartitionedTable("orders");
        createAll(table, partitions(table, 20));

        writer.deleteTable(DB, "orders");
        assertThat(reader.table(DB, "orders")).isEmpty();

        // a table created again under the same name starts without the old partitions
        writer.createTable(table);
        assertThat(readAllPartitions(table, Optional.empty())).isEmpty();
    }

    @Test
    void deletesRemoveObjects() {
        createDatabase(database(DB));
        writer.createTable(plainTable(DB, "lookup"));
        if (holds(Capability.FUNCTIONS)) {
            writer.createFunction(function(DB, "normalize_phone"));
            writer.deleteFunction(DB, "normalize_phone");
        }

        writer.deleteTable(DB, "lookup");
        deleteDatabase(DB);

        assertThat(reader.database(DB)).isEmpty();
        assertThat(reader.databaseCount()).isZero();
    }

    @Test
    void specialCharactersInPartitionValuesSurvive() {
        Table table = createPartitionedTable("orders");
        List<List<String>> values = List.of(
                List.of("2024-01-01 10:00:00", "eu west"),
                List.of("a/b", "k=v"),
                List.of("100%", "50%25"),
                List.of("zürich", "東京"),
                List.of("it's", "x&y?z#"));
        List<Partition> written =
                values.stream().map(v -> partition(table, v.get(0), v.get(1))).toList();
        assertThat(writer.createPartitions(table, written).failures()).isEmpty();

        Map<ObjectKey, Partition> listed = readAllPartitions(table, Optional.empty());
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(keys(written));
        for (Partition p : written) {
            assertRoundTrip(p, listed.get(p.key()));
        }
        assertThat(reader.partitions(table, values))
                .extracting(Partition::values)
                .containsExactlyInAnyOrderElementsOf(values);
        assertThat(writer.deletePartitions(table, values.subList(0, 2)).failures())
                .isEmpty();
        assertThat(readAllPartitions(table, Optional.empty())).hasSize(values.size() - 2);
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    protected Table createPartitionedTable(String name) {
        if (reader.database(DB).isEmpty()) {
            createDatabase(database(DB));
        }
        Table table = partitionedTable(DB, name);
        writer.createTable(table);
        return table;
    }

    /** Creates partitions in batches of the writer's limit, failing on any per-entry failure. */
    protected void createAll(Table table, List<Partition> partitions) {
        int limit = writer.limits().createPartitions();
        for (int i = 0; i < partitions.size(); i += limit) {
            BatchResult result =
                    writer.createPartitions(table, partitions.subList(i, Math.min(partitions.size(), i + limit)));
            assertThat(result.failures()).isEmpty();
        }
    }

    protected Map<ObjectKey, Partition> readAllPartitions(Table table, Optional<String> expression) {
        try (Stream<Partition> stream = reader.partitions(table, expression)) {
            return stream.collect(Collectors.toMap(Partition::key, p -> p));
        }
    }

    /**
     * Asserts that {@code actual} is what reading back {@code written} should give: equal canonical forms, plus exact
     * column spelling and access times, which the canonical form folds or leaves out.
     */
    protected void assertRoundTrip(CatalogObject written, CatalogObject actual) {
        assertThat(actual).as("read back %s", written.key()).isNotNull();
        CatalogObject expected = expectedAfterRoundTrip(written);
        assertThat(CanonicalForm.normalize(actual))
                .as("canonical form of %s", written.key())
                .isEqualTo(CanonicalForm.normalize(expected));
        if (expected instanceof Table e && actual instanceof Table a) {
            assertThat(columns(a.storageDescriptor())).isEqualTo(columns(e.storageDescriptor()));
            assertThat(a.partitionKeys()).isEqualTo(e.partitionKeys());
            assertThat(a.lastAccessTime()).isEqualTo(seconds(e.lastAccessTime()));
        }
        if (expected instanceof Partition e && actual instanceof Partition a) {
            assertThat(columns(a.storageDescriptor())).isEqualTo(columns(e.storageDescriptor()));
            assertThat(a.lastAccessTime()).isEqualTo(seconds(e.lastAccessTime()));
        }
    }

    private Table expectedTable(Table written) {
        return (Table) expectedAfterRoundTrip(written);
    }

    private static List<Column> columns(Optional<StorageDescriptor> sd) {
        return sd.map(StorageDescriptor::columns).orElse(List.of());
    }

    private static Optional<Instant> seconds(Optional<Instant> time) {
        return time.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    }

    protected static List<ObjectKey> keys(List<Partition> partitions) {
        return partitions.stream().map(Partition::key).toList();
    }

    protected static Map<List<String>, Partition> byValues(List<Partition> partitions) {
        return partitions.stream().collect(Collectors.toMap(Partition::values, p -> p));
    }

    protected static Map<String, String> withEntry(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    protected static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(ConnectorException.class).satisfies(e -> assertThat(
                        ((ConnectorException) e).code())
                .as("code of: %s", e.getMessage())
                .isEqualTo(code));
    }
}
