package dev.lakeport.app.pages.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.browse.BrowseItem.DatabaseItem;
import dev.lakeport.app.pages.browse.BrowseItem.FunctionsItem;
import dev.lakeport.app.pages.browse.BrowseItem.MessageItem;
import dev.lakeport.app.pages.browse.BrowseItem.MoreItem;
import dev.lakeport.app.pages.browse.BrowseItem.PartitionItem;
import dev.lakeport.app.pages.browse.BrowseItem.TableItem;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.config.SampleProject;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Browse step over a snapshot written here: paging, search, details and chart, with work run at once. */
class BrowseViewModelTest {
    private static final int TABLES = 250;
    private static final int PARTITIONS = 450;

    @TempDir
    Path home;

    private final ProjectSession session = new ProjectSession(CredentialStore.MEMORY);
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final Messages messages = new Messages(Locale.ENGLISH);
    private BrowseViewModel viewModel;

    @BeforeEach
    void writeSnapshot() {
        Map<String, String> settings = SampleProject.settings("http://127.0.0.1:1", "127.0.0.1:1", "cat", "results");
        settings.put("location.convertMap", "{\"s3://lake/\":\"oss://lake/\"}");
        session.attach(session.read(home.resolve("browse.lakeport.mv.db"), settings, false));
        CatalogMapping mapping = session.migration().mapping();
        try (SnapshotWriter writer = session.store()
                .beginLoad(Side.SOURCE, LoadOrigin.of("glue", "memory", null), mapping, mapping.mappingId())) {
            writer.putDatabase(Database.of("sales").withLocationUri("s3://lake/sales"));
            writer.putDatabase(Database.of("web")
                    .withLocationUri("s3://other-bucket/web")
                    .withParameters(Map.of("owner", "web-team")));
            writer.putDatabase(Database.of("empty"));
            for (int i = 0; i < TABLES; i++) {
                writer.putTable(Table.builder("sales", String.format("t%03d", i))
                        .storageDescriptor(sd("s3://lake/sales/t" + i))
                        .build());
            }
            Table orders = orders();
            writer.putTable(orders);
            writer.replacePartitions(
                    orders,
                    IntStream.range(0, PARTITIONS)
                            .mapToObj(i -> partition(orders, i))
                            .iterator());
            writer.putTable(Table.builder("web", "clicks")
                    .tableType("EXTERNAL_TABLE")
                    .storageDescriptor(sd("s3://other-bucket/web/clicks"))
                    .build());
            writer.putFunction(new Function(
                    "sales",
                    "mask",
                    "com.example.udf.Mask",
                    Optional.of("hadoop"),
                    Optional.of("USER"),
                    Optional.of("REGULAR_FUNCTION"),
                    List.of(new ResourceUri("JAR", "s3://lake/jars/udf.jar")),
                    Optional.empty()));
            writer.finish();
        }
        viewModel = new BrowseViewModel(session, new ImmediateTaskRunner(), dialogs, messages);
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static StorageDescriptor sd(String location) {
        return StorageDescriptor.builder()
                .columns(List.of(Column.of("order_id", "bigint", "order number"), Column.of("amount", "decimal(12,2)")))
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serDeInfo(SerDeInfo.of(
                        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                        Map.of("serialization.format", "1")))
                .numberOfBuckets(4)
                .bucketColumns(List.of("order_id"))
                .build();
    }

    private static Table orders() {
        return Table.builder("sales", "orders")
                .tableType("EXTERNAL_TABLE")
                .owner("hadoop")
                .storageDescriptor(sd("s3://lake/sales/orders"))
                .partitionKeys(List.of(Column.of("dt", "string"), Column.of("hr", "int")))
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                .build();
    }

    private static Partition partition(Table table, int i) {
        String dt = String.format("2024%04d", i / 24);
        String hr = String.format("%02d", i % 24);
        return new Partition(
                table.databaseName(),
                table.name(),
                List.of(dt, hr),
                Optional.of(sd("s3://lake/sales/orders/dt=" + dt + "/hr=" + hr)),
                Map.of("numRows", Integer.toString(i)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private BrowseNode child(BrowseNode parent, String text) {
        return parent.children().stream()
                .filter(n -> n.text().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text + " not among " + parent.children()));
    }

    private static BrowseNode last(BrowseNode parent) {
        return parent.children().get(parent.children().size() - 1);
    }

    @Test
    void theDatabasesOfASideShowWithTheirCountsAndInTheChart() {
        viewModel.onEnter();
        assertThat(viewModel.root().children()).extracting(BrowseNode::text).containsExactly("empty", "sales", "web");
        assertThat(child(viewModel.root(), "sales").detail()).isEqualTo("251 tables, 450 partitions");
        assertThat(child(viewModel.root(), "empty").detail()).isEqualTo("no tables, no partitions");
        assertThat(viewModel.statusProperty().get()).isEqualTo("3 databases, 252 tables, 450 partitions, 1 function");
        assertThat(viewModel.chart())
                .extracting(d -> d.name() + ":" + d.tables() + ":" + d.partitions())
                .containsExactly("empty:0:0", "sales:251:450", "web:1:0");
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.completeProperty().get()).isTrue();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void tablesComeAPageAtATimeAfterTheFunctions() {
        viewModel.onEnter();
        BrowseNode sales = child(viewModel.root(), "sales");
        assertThat(sales.children()).as("nothing read before it is opened").isEmpty();

        viewModel.expand(sales);
        assertThat(sales.children().get(0).item()).isInstanceOf(FunctionsItem.class);
        assertThat(sales.children()).hasSize(1 + BrowseViewModel.TABLE_PAGE + 1);
        assertThat(last(sales).item()).isEqualTo(new MoreItem(200, 251));
        assertThat(last(sales).detail()).isEqualTo("200 of 251 shown");

        viewModel.select(last(sales)); // choosing "Load more…" loads the page
        assertThat(sales.children().stream().filter(n -> n.item() instanceof MoreItem))
                .isEmpty();
        List<String> tables = sales.children().stream()
                .filter(n -> n.item() instanceof TableItem)
                .map(BrowseNode::text)
                .toList();
        assertThat(tables).hasSize(251).doesNotHaveDuplicates().isSorted();

        BrowseNode functions = sales.children().get(0);
        viewModel.expand(functions);
        assertThat(functions.children()).extracting(BrowseNode::text).containsExactly("mask");
    }

    @Test
    void partitionsComeAPageAtATimeInKeyOrderWithoutGapsOrRepeats() {
        viewModel.onEnter();
        BrowseNode sales = child(viewModel.root(), "sales");
        viewModel.expand(sales);
        BrowseNode orders = child(sales, "orders");
        assertThat(orders.detail()).isEqualTo("hive · 450 partitions");
        assertThat(orders.isLeaf()).isFalse();
        assertThat(child(sales, "t000").isLeaf())
                .as("an unpartitioned table has nothing to open")
                .isTrue();

        viewModel.expand(orders);
        assertThat(orders.children()).hasSize(BrowseViewModel.PARTITION_PAGE + 1);
        assertThat(orders.children().get(0).text()).isEqualTo("dt=20240000/hr=00");
        viewModel.loadMore(last(orders));
        viewModel.loadMore(last(orders));

        List<List<String>> values = orders.children().stream()
                .map(n -> ((PartitionItem) n.item()).partition().values())
                .toList();
        assertThat(values).hasSize(PARTITIONS);
        assertThat(new HashSet<>(values)).hasSize(PARTITIONS);
        assertThat(values.get(PARTITIONS - 1)).containsExactly("20240018", "17");
    }

    @Test
    void searchKeepsTheDatabasesWithMatchingTablesAndOpensThem() {
        viewModel.onEnter();
        viewModel.searchProperty().set("ORD");

        assertThat(viewModel.root().children()).extracting(BrowseNode::text).containsExactly("sales");
        BrowseNode sales = viewModel.root().children().get(0);
        assertThat(((DatabaseItem) sales.item()).matchingTables()).isEqualTo(1);
        assertThat(sales.detail()).isEqualTo("1 matching table");
        assertThat(sales.expandedProperty().get()).isTrue();
        assertThat(sales.children()).extracting(BrowseNode::text).containsExactly("orders");

        viewModel.searchProperty().set("nothing-like-this");
        assertThat(viewModel.root().children()).singleElement().satisfies(n -> {
            assertThat(n.item()).isInstanceOf(MessageItem.class);
            assertThat(n.text()).isEqualTo("No table name contains \"nothing-like-this\".");
        });

        viewModel.searchProperty().set("");
        assertThat(viewModel.root().children()).hasSize(3);
    }

    @Test
    void aTableShowsItsColumnsStorageParametersAndItsLocationBeforeAndAfterMapping() {
        viewModel.onEnter();
        BrowseNode sales = child(viewModel.root(), "sales");
        viewModel.expand(sales);
        viewModel.select(child(sales, "orders"));

        Details d = viewModel.detailsProperty().get();
        assertThat(d.title()).isEqualTo("orders");
        assertThat(d.kind()).isEqualTo("Table");
        Details.Section general = d.section("General").orElseThrow();
        assertThat(general.value("Name")).contains("sales.orders");
        assertThat(general.value("Type")).contains("EXTERNAL_TABLE");
        assertThat(general.value("Format")).contains("HIVE");
        assertThat(general.value("Owner")).contains("hadoop");
        assertThat(general.value("Partitions")).contains("450");
        assertThat(general.value("Location")).contains("s3://lake/sales/orders");
        assertThat(general.value("After mapping")).contains("oss://lake/sales/orders");
        assertThat(d.section("Columns").orElseThrow().columns())
                .containsExactly(
                        new Details.ColumnRow("order_id", "bigint", "order number"),
                        new Details.ColumnRow("amount", "decimal(12,2)", ""));
        assertThat(d.section("Partition keys").orElseThrow().columns())
                .extracting(Details.ColumnRow::name)
                .containsExactly("dt", "hr");
        Details.Section storage = d.section("Storage").orElseThrow();
        assertThat(storage.value("Input format"))
                .contains("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assertThat(storage.value("SerDe library"))
                .contains("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(storage.value("Buckets")).contains("4 by order_id");
        assertThat(d.section("SerDe parameters").orElseThrow().value("serialization.format"))
                .contains("1");
        assertThat(d.section("Parameters").orElseThrow().value("classification"))
                .contains("parquet");
        assertNoMissingKeys(d);
    }

    @Test
    void aLocationTheMapDoesNotCoverIsMarked() {
        viewModel.onEnter();
        BrowseNode web = child(viewModel.root(), "web");
        viewModel.select(web);
        Details database = viewModel.detailsProperty().get();
        assertThat(database.kind()).isEqualTo("Database");
        assertThat(database.section("Parameters").orElseThrow().value("owner")).contains("web-team");
        Details.Field mapped = database.section("General").orElseThrow().fields().stream()
                .filter(f -> f.name().equals("After mapping"))
                .findFirst()
                .orElseThrow();
        assertThat(mapped.value()).isEqualTo("not covered by location.convertMap: stays as it is");
        assertThat(mapped.tone()).isEqualTo(Details.Tone.WARNING);

        viewModel.expand(web);
        viewModel.select(child(web, "clicks"));
        assertThat(viewModel
                        .detailsProperty()
                        .get()
                        .section("General")
                        .orElseThrow()
                        .value("After mapping"))
                .contains("not covered by location.convertMap: stays as it is");
    }

    @Test
    void aPartitionAndAFunctionShowTheirOwnFacts() {
        viewModel.onEnter();
        BrowseNode sales = child(viewModel.root(), "sales");
        viewModel.expand(sales);
        BrowseNode orders = child(sales, "orders");
        viewModel.expand(orders);
        viewModel.select(orders.children().get(1));
        Details partition = viewModel.detailsProperty().get();
        assertThat(partition.title()).isEqualTo("dt=20240000/hr=01");
        assertThat(partition.kind()).isEqualTo("Partition");
        assertThat(partition.section("General").orElseThrow().value("After mapping"))
                .contains("oss://lake/sales/orders/dt=20240000/hr=01");
        assertThat(partition.section("Parameters").orElseThrow().value("numRows"))
                .contains("1");
        assertNoMissingKeys(partition);

        BrowseNode functions = sales.children().get(0);
        viewModel.expand(functions);
        viewModel.select(functions.children().get(0));
        Details function = viewModel.detailsProperty().get();
        assertThat(function.kind()).isEqualTo("Function");
        Details.Section general = function.section("General").orElseThrow();
        assertThat(general.value("Class")).contains("com.example.udf.Mask");
        assertThat(general.value("Function type")).contains("REGULAR_FUNCTION");
        assertThat(general.value("Owner")).contains("hadoop (USER)");
        Details.Section resources = function.section("Resources").orElseThrow();
        assertThat(resources.value("JAR")).contains("s3://lake/jars/udf.jar");
        assertThat(resources.value("After mapping")).contains("oss://lake/jars/udf.jar");
        assertNoMissingKeys(function);
    }

    @Test
    void theDestinationWithNothingLoadedSaysSo() {
        viewModel.onEnter();
        viewModel.sideProperty().set(Side.DESTINATION);
        assertThat(viewModel.root().children()).singleElement().satisfies(n -> assertThat(n.text())
                .isEqualTo("Nothing is loaded for this side: load it on the Load page."));
        assertThat(viewModel.statusProperty().get()).isEqualTo("Nothing loaded for this side");
        assertThat(viewModel.chart()).isEmpty();
        assertThat(viewModel.detailsProperty().get()).isNull();
    }

    @Test
    void aNewLoadRebuildsTheTreeOnTheNextVisit() {
        viewModel.onEnter();
        BrowseNode sales = child(viewModel.root(), "sales");
        viewModel.expand(sales);
        viewModel.onEnter();
        assertThat(viewModel.root().children()).contains(sales).as("nothing changed: the tree stays as it was");

        session.snapshotGenerationProperty()
                .set(session.snapshotGenerationProperty().get() + 1);
        viewModel.onEnter();
        assertThat(viewModel.root().children()).doesNotContain(sales).hasSize(3);
    }

    private static void assertNoMissingKeys(Details d) {
        assertThat(d.kind()).doesNotContain("!");
        for (Details.Section s : d.sections()) {
            assertThat(s.title()).doesNotStartWith("!");
            s.fields().forEach(f -> assertThat(f.name() + f.value()).doesNotContain("!browse."));
        }
    }
}
