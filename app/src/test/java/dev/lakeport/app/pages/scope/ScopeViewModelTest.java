package dev.lakeport.app.pages.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.SampleProject;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.Partition;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Scope page's logic over a real project with the sample's source loaded, without a screen. */
class ScopeViewModelTest {
    @TempDir
    static Path dir;

    private static GlueEmulator glue;
    private static DlfEmulator dlf;
    private static Path project;
    private static Map<String, String> sampleSettings;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private ProjectSession session;
    private ScopeViewModel viewModel;

    @BeforeAll
    static void loadTheSampleSource() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        SampleCatalog.generate(glue.store(), new SampleCatalog.Options(SampleProject.SEED, 600, SampleProject.REGION));
        sampleSettings = SampleProject.settings(
                glue.endpoint().toString(),
                dlf.endpoint(),
                dlf.catalogId(),
                dir.resolve("results").toString());
        project = dir.resolve("scope.lakeport.mv.db");
        try (ProjectSession loader = new ProjectSession(CredentialStore.MEMORY)) {
            loader.attach(loader.read(project, sampleSettings, true));
            loader.migration().load(Side.SOURCE, ProgressListener.NONE, new CancellationToken());
        }
    }

    @AfterAll
    static void stopEmulators() {
        glue.close();
        dlf.close();
    }

    @BeforeEach
    void open() {
        session = new ProjectSession(CredentialStore.MEMORY);
        viewModel = new ScopeViewModel(session, new ImmediateTaskRunner(), dialogs, new Messages(Locale.ENGLISH));
        session.attach(session.read(project, sampleSettings, true));
        viewModel.onEnter();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theLoadedSourcesDatabasesAreAllCheckedWithTheirCounts() {
        assertThat(viewModel.databasesLoadedProperty().get()).isTrue();
        assertThat(viewModel.databases())
                .extracting(DatabaseChoice::name)
                .containsExactly("finance", "ml_features", "sales", "staging", "web_logs");
        DatabaseChoice sales = byName("sales");
        assertThat(sales.tables()).isEqualTo(8);
        assertThat(sales.partitions())
                .isEqualTo(session.store().databases(Side.SOURCE).stream()
                        .filter(d -> d.name().equals("sales"))
                        .findFirst()
                        .orElseThrow()
                        .partitions())
                .isPositive();
        assertThat(viewModel.databases()).allMatch(d -> d.checkedProperty().get());
        assertThat(viewModel.databasesSummaryProperty().get()).startsWith("5 of 5 databases in the run");
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.completeProperty().get()).isTrue();
    }

    @Test
    void checkingDatabasesWritesAwsDatabasesAndTypingNamesMovesTheChecks() {
        byName("staging").checkedProperty().set(false);
        assertThat(setting(ConfigKeys.AWS_DATABASES)).isEqualTo("finance,ml_features,sales,web_logs");
        byName("staging").checkedProperty().set(true);
        assertThat(setting(ConfigKeys.AWS_DATABASES)).as("all checked is all").isEmpty();

        session.setting(ConfigKeys.AWS_DATABASES).set("sales, web_*, archive_only");
        assertThat(viewModel.databases().stream()
                        .filter(d -> d.checkedProperty().get()))
                .extracting(DatabaseChoice::name)
                .containsExactly("sales", "web_logs");
        byName("finance").checkedProperty().set(true);
        assertThat(setting(ConfigKeys.AWS_DATABASES))
                .as("a typed name no loaded database has is kept")
                .isEqualTo("finance,sales,web_logs,archive_only");

        viewModel.checkAllDatabases(false);
        assertThat(viewModel.validProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).contains("Check at least one database");
        assertThat(setting(ConfigKeys.AWS_DATABASES)).isEqualTo("finance,sales,web_logs,archive_only");
        viewModel.checkAllDatabases(true);
        assertThat(viewModel.validProperty().get()).isTrue();
    }

    @Test
    void theSourceIsNamedByItsKindAndABrokenConnectionNeverMakesThisPageInvalid() {
        assertThat(viewModel.sourceNameProperty().get()).isEqualTo("Glue");
        session.setting(ConfigKeys.SOURCE_TYPE).set("dlf");
        assertThat(viewModel.sourceNameProperty().get()).isEqualTo("DLF");

        // The Connections page judges the sides; this page only its own settings.
        session.setting(ConfigKeys.SOURCE_TYPE).set("glue");
        session.setting(ConfigKeys.AWS_REGION).set("frankfurt");
        assertThat(viewModel.validProperty().get()).isTrue();
        session.setting(ConfigKeys.TABLES_INCLUDE).set(".returns");
        assertThat(viewModel.errorProperty(ConfigKeys.TABLES_INCLUDE).get()).contains("must be db.table");
    }

    @Test
    void listsAreCheckedByTheLoaderUnderTheirFields() {
        session.setting(ConfigKeys.TABLES_INCLUDE).set("sales.orders, .returns");
        assertThat(viewModel.errorProperty(ConfigKeys.TABLES_INCLUDE).get()).contains("'.returns' must be db.table");
        assertThat(viewModel.validProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).startsWith("Databases and tables, Tables to migrate:");
        assertThat(viewModel
                        .sectionValidProperty(ScopeViewModel.Section.DATABASES)
                        .get())
                .isFalse();
        session.setting(ConfigKeys.TABLES_INCLUDE).set("sales.orders, returns");
        assertThat(viewModel.validProperty().get()).isTrue();

        session.setting(ConfigKeys.AWS_TABLE_FILTER_PREFIX).set("ord, ret");
        assertThat(viewModel.warningProperty(ConfigKeys.AWS_TABLE_FILTER_PREFIX).get())
                .contains("spaces");
        session.setting(ConfigKeys.MODE).set("full");
        assertThat(viewModel.errorProperty(ConfigKeys.MODE).get()).contains("'full' is not supported");
        assertThat(viewModel.modeProperty().get()).isNull();
        viewModel.modeProperty().set(dev.lakeport.config.Mode.INCREMENT);
        assertThat(setting(ConfigKeys.MODE)).isEqualTo("increment");
        viewModel.comparePartitionProperty().set(false);
        assertThat(setting(ConfigKeys.COMPARE_PARTITION)).isEqualTo("false");
        assertThat(viewModel.validProperty().get()).isTrue();
    }

    @Test
    void functionsCanBeLeftOutForACatalogWithoutThem() {
        assertThat(viewModel.functionsProperty().get()).isTrue();
        viewModel.functionsProperty().set(false);
        assertThat(setting(ConfigKeys.FUNCTIONS)).isEqualTo("false");
        assertThat(viewModel.validProperty().get()).isTrue();
        viewModel.functionsProperty().set(true);
        assertThat(setting(ConfigKeys.FUNCTIONS)).isEmpty();
    }

    @Test
    void aFilterIsParsedAsTypedAndCountsTheLoadedPartitionsItSelects() {
        PartitionFilterRow row = viewModel.addFilter("sales.orders");
        assertThat(row.errorProperty().get()).contains("Enter a filter");
        row.expressionProperty().set("region = ");
        assertThat(row.errorProperty().get()).startsWith("Column 10: expected");
        assertThat(row.caretProperty().get()).isEqualTo("region = \n         ^");
        assertThat(viewModel.validProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).startsWith("Partition filters, sales.orders: Column 10");
        assertThat(setting("aws.partition.filter.sales.orders"))
                .as("what is typed is kept, so the loader names it too")
                .isEqualTo("region = ");

        row.expressionProperty().set("region = 'emea'");
        assertThat(row.errorProperty().get()).isEmpty();
        assertThat(setting("aws.partition.filter.sales.orders")).isEqualTo("region = 'emea'");
        viewModel.countMatches(row);
        long emea = countByHand(session.store(), p -> p.values().get(1).equals("emea"));
        long all = session.store().countPartitions(Side.SOURCE, "sales", "orders");
        assertThat(emea).isPositive().isLessThan(all);
        assertThat(row.matchesProperty().get())
                .isEqualTo(String.format(Locale.ENGLISH, "%,d of %,d loaded partitions match.", emea, all));
        assertThat(viewModel.validProperty().get()).isTrue();

        row.expressionProperty().set("colour = 'red'");
        viewModel.countMatches(row);
        assertThat(row.bindErrorProperty().get())
                .contains("unknown partition key 'colour'")
                .contains("dt string");
        assertThat(viewModel.validProperty().get()).isFalse();

        row.tableProperty().set("sales.not_loaded");
        row.expressionProperty().set("dt >= '20240101'");
        viewModel.countMatches(row);
        assertThat(row.matchesProperty().get()).contains("not in the loaded snapshot");
        assertThat(session.settings())
                .containsKey("aws.partition.filter.sales.not_loaded")
                .doesNotContainKey("aws.partition.filter.sales.orders");

        viewModel.addFilter("sales.not_loaded").expressionProperty().set("dt > '1'");
        assertThat(viewModel.filters().get(1).errorProperty().get()).contains("Another filter");
        viewModel.removeFilter(viewModel.filters().get(1));
        viewModel.removeFilter(row);
        assertThat(session.settings().keySet()).noneMatch(k -> k.startsWith(ConfigKeys.AWS_PARTITION_FILTER_PREFIX));
        assertThat(viewModel.validProperty().get()).isTrue();
    }

    @Test
    void theMapIsRowsWrittenBackAsJsonWithProblemsPerRow() {
        assertThat(viewModel.mappings()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("s3://lakeport-sample-eu-central-1/");
            assertThat(r.destination()).isEqualTo("oss://lakeport-sample-eu-central-1/");
        });
        LocationMappingRow added = viewModel.addMapping("s3://logs/raw/", "oss://logs/raw/");
        assertThat(setting(ConfigKeys.LOCATION_CONVERT_MAP))
                .isEqualTo("{\"s3://lakeport-sample-eu-central-1/\":\"oss://lakeport-sample-eu-central-1/\","
                        + "\"s3://logs/raw/\":\"oss://logs/raw/\"}");

        added.destinationProperty().set("oss://logs/raw");
        // a missing '/' on one side only would double or drop a '/' in every mapped location: an error, not a warning
        assertThat(added.errorProperty().get()).contains("ends with '/' and the destination does not");
        added.destinationProperty().set("logs/raw/");
        assertThat(added.errorProperty().get()).contains("is not a URI with a scheme and bucket");
        assertThat(viewModel.problemProperty().get()).startsWith("Location map, Entry 2:");
        added.sourceProperty().set("s3://lakeport-sample-eu-central-1/");
        added.destinationProperty().set("oss://elsewhere/");
        assertThat(added.errorProperty().get()).contains("Another entry maps");
        assertThat(viewModel.validProperty().get()).isFalse();
        added.sourceProperty().set("hdfs://nn/warehouse/");
        assertThat(added.errorProperty().get()).isEmpty();
        assertThat(added.warningProperty().get()).contains("s3://");
        assertThat(viewModel.validProperty().get()).isTrue();
        viewModel.removeMapping(added);
        assertThat(setting(ConfigKeys.LOCATION_CONVERT_MAP))
                .isEqualTo("{\"s3://lakeport-sample-eu-central-1/\":\"oss://lakeport-sample-eu-central-1/\"}");
    }

    @Test
    void theArchiveBucketIsUncoveredUntilAnEntryMapsIt() {
        viewModel.checkMapping();
        List<UncoveredLocations.Group> groups = List.copyOf(viewModel.uncovered());
        assertThat(groups)
                .extracting(UncoveredLocations.Group::prefix)
                .anyMatch(p -> p.startsWith("s3://lakeport-sample-eu-central-1-archive/"));
        assertThat(viewModel.uncoveredStatusProperty().get()).contains("are not covered");
        UncoveredLocations.Group archive = groups.stream()
                .filter(g -> g.prefix().startsWith("s3://lakeport-sample-eu-central-1-archive/"))
                .findFirst()
                .orElseThrow();

        LocationMappingRow row = viewModel.mapUncovered(archive);
        assertThat(row.destination()).isEqualTo("oss://" + archive.prefix().substring("s3://".length()));
        assertThat(viewModel.mappingCheckStaleProperty().get()).isTrue();
        viewModel.checkMapping();
        assertThat(viewModel.mappingCheckStaleProperty().get()).isFalse();
        assertThat(viewModel.uncovered())
                .extracting(UncoveredLocations.Group::prefix)
                .doesNotContain(archive.prefix());
        assertThat(viewModel.mappingWarnings())
                .noneMatch(w -> w.contains(MappingWarning.Code.UNMAPPED_LOCATION.name()));
    }

    @Test
    void thePreviewShowsAnObjectsLocationsBeforeAndAfterTheMap() {
        viewModel.previewDatabaseProperty().set("sales");
        assertThat(viewModel.previewTables()).contains("orders", "returns");
        viewModel.previewTableProperty().set("orders");
        assertThat(viewModel.preview())
                .extracting(ScopeViewModel.LocationPreview::object)
                .startsWith("database sales", "table sales.orders")
                .anyMatch(o -> o.startsWith("partition dt="));
        ScopeViewModel.LocationPreview table = viewModel.preview().get(1);
        assertThat(table.location()).startsWith("s3://lakeport-sample-eu-central-1/sales/orders");
        assertThat(table.mapped()).hasValue("oss://" + table.location().substring("s3://".length()));

        viewModel.mappings().get(0).destinationProperty().set("oss://moved/");
        assertThat(viewModel.preview().get(1).mapped())
                .hasValue("oss://moved/" + table.location().substring("s3://lakeport-sample-eu-central-1/".length()));
        viewModel.removeMapping(viewModel.mappings().get(0));
        assertThat(viewModel.preview().get(1).mapped()).isEmpty();

        viewModel.previewTableFilterProperty().set("item");
        assertThat(viewModel.previewTables()).containsExactly("order_items");
        assertThat(viewModel.previewTableProperty().get()).isEqualTo("order_items");
    }

    @Test
    void anImportReplacesTheRowsAndChoices() {
        Map<String, String> imported = session.settings();
        imported.put(ConfigKeys.LOCATION_CONVERT_MAP, "{\"s3a://a/\":\"oss://a/\",\"s3a://b/\":\"oss://b/\"}");
        imported.put("aws.partition.filter.finance.ledger", "year >= 2020");
        imported.put(ConfigKeys.AWS_DATABASES, "finance");
        session.replaceSettings(imported);
        assertThat(viewModel.mappings()).extracting(LocationMappingRow::source).containsExactly("s3a://a/", "s3a://b/");
        assertThat(viewModel.filters()).singleElement().satisfies(r -> {
            assertThat(r.table()).isEqualTo("finance.ledger");
            assertThat(r.expression()).isEqualTo("year >= 2020");
        });
        assertThat(viewModel.databases().stream()
                        .filter(d -> d.checkedProperty().get()))
                .extracting(DatabaseChoice::name)
                .containsExactly("finance");
        assertThat(dialogs.errors).isEmpty();
    }

    private DatabaseChoice byName(String name) {
        return viewModel.databases().stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String setting(String key) {
        return session.settings().getOrDefault(key, "");
    }

    private static long countByHand(SnapshotStore store, java.util.function.Predicate<Partition> test) {
        long count = 0;
        Optional<List<String>> after = Optional.empty();
        List<Partition> page;
        do {
            page = store.partitions(Side.SOURCE, "sales", "orders", after, 100);
            count += page.stream().filter(test).count();
            if (!page.isEmpty()) {
                after = Optional.of(page.get(page.size() - 1).values());
            }
        } while (page.size() == 100);
        return count;
    }
}
