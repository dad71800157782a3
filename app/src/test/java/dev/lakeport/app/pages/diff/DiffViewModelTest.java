package dev.lakeport.app.pages.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.FieldChange;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Diff page's view model on the sample project with changes on both sides; no screen. */
class DiffViewModelTest {
    @TempDir
    static Path dir;

    private static SampleEnvironment sample;
    private static ProjectSession session;
    private static Map<String, String> settings;
    private static ChangedSample world;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final Messages messages = new Messages(Locale.ENGLISH);
    private DiffViewModel viewModel;

    @BeforeAll
    static void prepare() {
        sample = new SampleEnvironment();
        SampleEnvironment.Sample s = sample.start(dir.resolve("sample"), 300);
        settings = s.settings();
        session = new ProjectSession(CredentialStore.MEMORY);
        session.attach(session.read(s.projectFile(), s.settings(), true));
        world = ChangedSample.prepare(session, sample);
    }

    @AfterAll
    static void close() {
        session.close();
        sample.close();
    }

    @BeforeEach
    void showTheChangedRun() {
        for (String db : List.of(world.database, ChangedSample.GONE_DATABASE)) {
            session.diffs().setSubtreeIncluded(world.changedRun, ObjectKey.database(db), true);
        }
        session.latestDiffRunProperty().set(world.changedRun);
        viewModel = new DiffViewModel(session, new ImmediateTaskRunner(), dialogs, messages);
        viewModel.onEnter();
        assertThat(dialogs.errors).isEmpty();
    }

    private DiffTreeNode database(String name) {
        return viewModel.databases().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no database row " + name + " in " + viewModel.databases()));
    }

    private DiffTreeNode child(DiffTreeNode parent, String name) {
        viewModel.expand(parent);
        return parent.children().stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no row " + name + " under " + parent + ": " + parent.children()));
    }

    private static DiffTreeNode.Counts counts(long glueNew, long dlfNew, long needUpdate, long excluded) {
        return new DiffTreeNode.Counts(glueNew, dlfNew, needUpdate, excluded);
    }

    @Test
    void aReopenedProjectShowsItsLatestStoredDiff() {
        // A reopened project starts with no diff in the session: the page picks the latest stored one.
        session.latestDiffRunProperty().set(-1);
        assertThat(session.latestDiffRunProperty().get())
                .isEqualTo(session.diffs().runs().get(0).runId());
        DiffViewModel reopened = new DiffViewModel(session, new ImmediateTaskRunner(), dialogs, messages);
        reopened.onEnter();
        long latest = session.diffs().runs().get(0).runId();
        assertThat(reopened.runProperty().get().runId()).isEqualTo(latest);
        assertThat(session.latestDiffRunProperty().get()).isEqualTo(latest);
        assertThat(reopened.validProperty().get()).isTrue();
        assertThat(reopened.completeProperty().get()).isTrue();
        assertThat(reopened.runTextProperty().get()).startsWith("Diff #" + latest + " of ");
    }

    @Test
    void theTreeCountsEachResultPerDatabaseAndTable() {
        assertThat(viewModel.summaryProperty().get().total(DiffResult.CREATE)).isEqualTo(ChangedSample.CREATE);
        assertThat(viewModel.summaryProperty().get().total(DiffResult.DELETE)).isEqualTo(ChangedSample.DELETE);
        assertThat(viewModel.summaryProperty().get().total(DiffResult.UPDATE)).isEqualTo(ChangedSample.UPDATE);
        assertThat(viewModel.includedCountProperty().get()).isEqualTo(ChangedSample.total());
        assertThat(viewModel.staleProperty().get()).isFalse();
        assertThat(viewModel.loadProblemProperty().get()).isEmpty();

        assertThat(viewModel.databases())
                .extracting(DiffTreeNode::name)
                .containsExactlyInAnyOrder(world.database, ChangedSample.GONE_DATABASE);
        DiffTreeNode db = database(world.database);
        assertThat(db.counts()).isEqualTo(counts(4, 1, 3, 0));
        DiffTreeNode gone = database(ChangedSample.GONE_DATABASE);
        assertThat(gone.counts()).isEqualTo(counts(0, 1, 0, 0));
        assertThat(gone.ownProperty().get()).contains(DiffResult.DELETE);
        assertThat(gone.isLeaf()).isTrue();

        viewModel.expand(db);
        assertThat(db.children())
                .extracting(DiffTreeNode::name)
                .containsExactlyInAnyOrder(world.newTable, world.goneTable, world.updatedTable);
        DiffTreeNode updated = child(db, world.updatedTable);
        assertThat(updated.counts()).isEqualTo(counts(3, 0, 3, 0));
        assertThat(updated.ownProperty().get()).contains(DiffResult.UPDATE);
        assertThat(child(db, world.newTable).ownProperty().get()).contains(DiffResult.CREATE);
        assertThat(child(db, world.goneTable).counts()).isEqualTo(counts(0, 1, 0, 0));

        viewModel.expand(updated);
        assertThat(updated.children()).hasSize(5).allSatisfy(n -> assertThat(n.type())
                .isEqualTo(DiffTreeNode.Type.ENTRY));
        assertThat(updated.children().stream()
                        .filter(n -> n.ownProperty().get().equals(Optional.of(DiffResult.CREATE))))
                .extracting(n -> n.key().orElseThrow().partitionValues())
                .containsExactlyInAnyOrderElementsOf(world.newPartitions);
    }

    @Test
    void filtersByKindAndResultQueryAgain() {
        viewModel.kindFilterProperty().set(ObjectKind.PARTITION);
        assertThat(viewModel.databases()).extracting(DiffTreeNode::name).containsExactly(world.database);
        DiffTreeNode db = database(world.database);
        assertThat(db.counts()).isEqualTo(counts(3, 0, 2, 0));
        viewModel.expand(db);
        assertThat(db.children()).extracting(DiffTreeNode::name).containsExactly(world.updatedTable);
        assertThat(db.children().get(0).ownProperty().get()).isEmpty();

        viewModel.kindFilterProperty().set(ObjectKind.DATABASE);
        assertThat(viewModel.databases()).extracting(DiffTreeNode::name).containsExactly(ChangedSample.GONE_DATABASE);

        viewModel.kindFilterProperty().set(null);
        viewModel.showProperty(DiffResult.CREATE).set(false);
        viewModel.showProperty(DiffResult.UPDATE).set(false);
        assertThat(viewModel.databases())
                .extracting(DiffTreeNode::name)
                .containsExactlyInAnyOrder(world.database, ChangedSample.GONE_DATABASE);
        assertThat(database(world.database).counts()).isEqualTo(counts(0, 1, 0, 0));

        viewModel.showProperty(DiffResult.DELETE).set(false);
        assertThat(viewModel.databases()).isEmpty();
        assertThat(viewModel.treeLoadingProperty().get()).isFalse();
    }

    @Test
    void anUpdateShowsBothSidesWithTheChangedFieldsMarked() {
        DiffTreeNode updated = child(database(world.database), world.updatedTable);
        viewModel.select(updated);
        EntryDetail detail = viewModel.detailProperty().get();
        assertThat(detail.result()).contains(DiffResult.UPDATE);
        assertThat(detail.changedFields()).isEqualTo(1);
        assertThat(detail.note()).startsWith("1 field differs");
        assertThat(viewModel.rows())
                .contains(new FieldRow("parameters.owner", "bi-team", "", true))
                .contains(new FieldRow("name", world.updatedTable, world.updatedTable, false));
        assertThat(viewModel.rows()).filteredOn(FieldRow::changed).hasSize(1);
        String location = viewModel.rows().stream()
                .filter(r -> r.path().equals("storageDescriptor.location"))
                .findFirst()
                .orElseThrow()
                .source();
        assertThat(location).startsWith("oss://");

        viewModel.changedOnlyProperty().set(true);
        assertThat(viewModel.rows()).containsExactly(new FieldRow("parameters.owner", "bi-team", "", true));
        viewModel.changedOnlyProperty().set(false);

        viewModel.expand(updated);
        DiffTreeNode partition = updated.children().stream()
                .filter(n -> n.ownProperty().get().equals(Optional.of(DiffResult.UPDATE)))
                .findFirst()
                .orElseThrow();
        viewModel.select(partition);
        assertThat(viewModel.rows())
                .filteredOn(FieldRow::changed)
                .containsExactly(new FieldRow("parameters.retention_days", "30", "", true));
    }

    @Test
    void aCreateOrADeleteShowsTheFieldsOfItsOneSide() {
        viewModel.select(child(database(world.database), world.newTable));
        assertThat(viewModel.detailProperty().get().result()).contains(DiffResult.CREATE);
        assertThat(viewModel.rows()).contains(new FieldRow("name", world.newTable, "", false));
        assertThat(viewModel.rows()).allSatisfy(r -> assertThat(r.destination()).isEmpty());

        viewModel.select(database(ChangedSample.GONE_DATABASE));
        assertThat(viewModel.detailProperty().get().result()).contains(DiffResult.DELETE);
        assertThat(viewModel.rows())
                .contains(new FieldRow("name", "", ChangedSample.GONE_DATABASE, false))
                .contains(new FieldRow("description", "", "retired warehouse", false));

        viewModel.select(database(world.database));
        assertThat(viewModel.detailProperty().get().result()).isEmpty();
        assertThat(viewModel.detailProperty().get().note()).contains("8 of its tables, partitions or functions");
        assertThat(viewModel.rows()).isEmpty();
    }

    @Test
    void excludingATableCountsAtOnceAndPersistsForTheRun() {
        Plan before = Plan.of(session.diffs(), world.changedRun, PlanOptions.of(new WriterLimits(100, 100, 25)));
        DiffTreeNode db = database(world.database);
        DiffTreeNode updated = child(db, world.updatedTable);
        viewModel.expand(updated);

        viewModel.setIncluded(updated, false);
        assertThat(dialogs.errors).isEmpty();
        assertThat(viewModel.includedCountProperty().get()).isEqualTo(ChangedSample.total() - 6);
        assertThat(updated.inclusion()).isEqualTo(DiffTreeNode.Inclusion.EXCLUDED);
        assertThat(updated.children())
                .allSatisfy(p -> assertThat(p.inclusion()).isEqualTo(DiffTreeNode.Inclusion.EXCLUDED));
        assertThat(db.inclusion()).isEqualTo(DiffTreeNode.Inclusion.PARTLY);
        assertThat(db.counts().excluded()).isEqualTo(6);
        assertThat(dialogs.notices).anySatisfy(n -> assertThat(n)
                .contains("Excluded " + world.database + "." + world.updatedTable + " (6 entries)"));

        // Stored in the project: a new page (a reopened project) and the Run page's plan see it.
        assertThat(session.diffs().count(world.changedRun, DiffQuery.all().includedOnly()))
                .isEqualTo(ChangedSample.total() - 6);
        DiffViewModel reopened = new DiffViewModel(session, new ImmediateTaskRunner(), dialogs, messages);
        reopened.onEnter();
        assertThat(reopened.includedCountProperty().get()).isEqualTo(ChangedSample.total() - 6);
        DiffTreeNode again = reopened.databases().stream()
                .filter(n -> n.name().equals(world.database))
                .findFirst()
                .orElseThrow();
        reopened.expand(again);
        assertThat(again.children().stream().filter(n -> n.name().equals(world.updatedTable)))
                .singleElement()
                .satisfies(n -> assertThat(n.inclusion()).isEqualTo(DiffTreeNode.Inclusion.EXCLUDED));
        Plan after = Plan.of(session.diffs(), world.changedRun, PlanOptions.of(new WriterLimits(100, 100, 25)));
        assertThat(after.writeCount()).isEqualTo(before.writeCount() - 6);

        // The exclusion is a rule of the project: it holds for every later diff, not just this run.
        assertThat(session.exclusions().rules().rules())
                .containsExactly(dev.lakeport.mapping.ExclusionRule.table(world.database, world.updatedTable));

        // One partition back in: the table's rule covers it, and the page says which rule to remove.
        DiffTreeNode partition = updated.children().get(0);
        viewModel.setIncluded(partition, true);
        assertThat(partition.inclusion()).isEqualTo(DiffTreeNode.Inclusion.EXCLUDED);
        assertThat(dialogs.notices).anySatisfy(n -> assertThat(n)
                .contains("the rule table " + world.database + "." + world.updatedTable + " excludes it"));

        // The table back in: its rule is gone, and so is its exclusion.
        viewModel.setIncluded(updated, true);
        assertThat(session.exclusions().rules().isEmpty()).isTrue();
        assertThat(updated.inclusion()).isEqualTo(DiffTreeNode.Inclusion.INCLUDED);
        assertThat(viewModel.includedCountProperty().get()).isEqualTo(ChangedSample.total());
    }

    @Test
    void largeGroupsLoadAPageAtATime() {
        session.latestDiffRunProperty().set(world.firstRun);
        assertThat(viewModel.runProperty().get().runId()).isEqualTo(world.firstRun);
        viewModel.setPageSizes(2, 3);
        DiffTreeNode db = database(world.database);
        long tables = session.diffs()
                .tableGroups(world.firstRun, DiffQuery.all().withDatabase(world.database), 0, 10_000)
                .size();
        long functions = session.diffs()
                .count(
                        world.firstRun,
                        DiffQuery.all().withDatabase(world.database).withKind(ObjectKind.FUNCTION));
        viewModel.expand(db);
        assertThat(db.children()).hasSize(3);
        assertThat(db.children().get(2).type()).isEqualTo(DiffTreeNode.Type.MORE);
        assertThat(db.children().get(2).remainingChildren()).isEqualTo(tables + functions - 2);
        List<String> names = loadAll(db);
        assertThat(names).hasSize((int) (tables + functions)).doesNotHaveDuplicates();

        DiffTreeNode table = child(db, world.updatedTable);
        long partitions = session.diffs()
                .count(
                        world.firstRun,
                        DiffQuery.all()
                                .withTable(world.database, world.updatedTable)
                                .withKind(ObjectKind.PARTITION));
        viewModel.expand(table);
        // The first page of three holds the table's own entry (the row itself), two partitions and "Load more…".
        assertThat(table.children()).hasSize(3);
        assertThat(table.children().get(2).remainingChildren()).isEqualTo(partitions - 2);
        List<String> values = loadAll(table);
        assertThat(values).hasSize((int) partitions).doesNotHaveDuplicates();
    }

    private List<String> loadAll(DiffTreeNode group) {
        for (int guard = 0; guard < 1_000; guard++) {
            Optional<DiffTreeNode> more = group.children().stream()
                    .filter(n -> n.type() == DiffTreeNode.Type.MORE)
                    .findFirst();
            if (more.isEmpty()) {
                break;
            }
            viewModel.loadMore(more.get());
        }
        return group.children().stream().map(DiffTreeNode::name).toList();
    }

    @Test
    void exportsWriteEveryEntryAsCsvJsonAndHtml() throws Exception {
        Path csv = dir.resolve("exports/diff.csv");
        Path json = dir.resolve("exports/diff");
        Path html = dir.resolve("exports/diff.html");
        dialogs.fileAnswers.add(csv);
        viewModel.exportCsv();
        dialogs.fileAnswers.add(json);
        viewModel.exportJson();
        dialogs.fileAnswers.add(html);
        viewModel.exportHtml();
        assertThat(dialogs.errors).isEmpty();

        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(csv)) {
            records = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(reader)
                    .getRecords();
        }
        assertThat(records).hasSize((int) ChangedSample.total());
        assertThat(records)
                .filteredOn(r -> r.get("diffResult").equals("needUpdate"))
                .extracting(r -> r.get("itemName"))
                .contains(world.database + "." + world.updatedTable);
        assertThat(records)
                .filteredOn(r -> r.get("itemName").equals(world.database + "." + world.updatedTable))
                .singleElement()
                .satisfies(r -> assertThat(r.get("fieldChanges")).contains("parameters.owner:  -> bi-team"));

        Path jsonFile = dir.resolve("exports/diff.json");
        JsonNode tree = new ObjectMapper().readTree(jsonFile.toFile());
        assertThat(tree.path("entries").size()).isEqualTo((int) ChangedSample.total());
        assertThat(tree.path("summary").path("glueNew").asLong()).isEqualTo(ChangedSample.CREATE);
        assertThat(tree.path("summary").path("dlfNew").asLong()).isEqualTo(ChangedSample.DELETE);
        assertThat(tree.path("report").path("title").asText()).contains("Lakeport diff #" + world.changedRun);

        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains(world.goneTable).contains("needUpdate");
        assertThat(viewModel.htmlReportProperty().get()).isEqualTo(html);
        assertThat(dialogs.notices)
                .anySatisfy(n -> assertThat(n).contains(html.toAbsolutePath().toString()));
        viewModel.openHtmlReport();
        assertThat(dialogs.opened).containsExactly(html);
    }

    @Test
    void runningTheDiffStoresANewRunAndShowsIt() {
        viewModel.runDiff();
        assertThat(dialogs.errors).isEmpty();
        long run = viewModel.runProperty().get().runId();
        assertThat(run).isGreaterThan(world.changedRun);
        assertThat(session.latestDiffRunProperty().get()).isEqualTo(run);
        assertThat(viewModel.runningProperty().get()).isFalse();
        assertThat(viewModel.diffTaskProperty().get()).isNull();
        assertThat(dialogs.notices).contains("Diff done: 4 glueNew, 2 dlfNew, 3 needUpdate.");
        assertThat(viewModel.databases()).hasSize(2);
    }

    @Test
    void anEmptyDiffHasNoRowsAndAStaleOneSaysSo() {
        session.latestDiffRunProperty().set(world.emptyRun);
        assertThat(viewModel.runProperty().get().runId()).isEqualTo(world.emptyRun);
        assertThat(viewModel.summaryProperty().get().isEmpty()).isTrue();
        assertThat(viewModel.databases()).isEmpty();
        assertThat(viewModel.staleProperty().get()).isTrue();
        assertThat(viewModel.validProperty().get()).isTrue();
    }

    @Test
    void withoutLoadedCatalogsThePagePointsToTheLoadStep() {
        try (ProjectSession fresh = new ProjectSession(CredentialStore.MEMORY)) {
            fresh.attach(fresh.read(dir.resolve("fresh.lakeport.mv.db"), settings, false));
            DiffViewModel page = new DiffViewModel(fresh, new ImmediateTaskRunner(), dialogs, messages);
            page.onEnter();
            assertThat(page.runProperty().get()).isNull();
            assertThat(page.loadProblemProperty().get())
                    .contains("source catalog has not been loaded")
                    .contains("step 4, Load");
            assertThat(page.validProperty().get()).isFalse();
            assertThat(page.problemProperty().get())
                    .isEqualTo(page.loadProblemProperty().get());
            assertThat(page.completeProperty().get()).isFalse();
        }
    }

    @Test
    void sideBySideOrdersListItemsByNumberAndKeepsCutChanges() {
        Map<String, String> source = new java.util.LinkedHashMap<>();
        source.put("columns[10].name", "k");
        source.put("columns[2].name", "b");
        source.put("parameters.a", "1");
        Map<String, String> destination = Map.of("columns[2].name", "b", "parameters.a", "2");
        List<FieldRow> rows = DiffViewModel.sideBySide(
                source,
                destination,
                List.of(
                        new FieldChange("parameters.a", "2", "1"),
                        new FieldChange("…", "", "3 more changes not listed")));
        assertThat(rows)
                .containsExactly(
                        new FieldRow("columns[2].name", "b", "b", false),
                        new FieldRow("columns[10].name", "k", "", true),
                        new FieldRow("parameters.a", "1", "2", true),
                        new FieldRow("…", "3 more changes not listed", "", true));
        Set<String> paths =
                new HashSet<>(new ArrayList<>(rows.stream().map(FieldRow::path).toList()));
        assertThat(paths).hasSize(4);
        assertThat(DiffViewModel.withExtension(Path.of("a/report"), "html")).isEqualTo(Path.of("a/report.html"));
        assertThat(DiffViewModel.withExtension(Path.of("a/report.HTML"), "html"))
                .isEqualTo(Path.of("a/report.HTML"));
    }
}
