package dev.lakeport.app.pages.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.reports.ReportsViewModel.Format;
import dev.lakeport.app.pages.reports.ReportsViewModel.KindFilter;
import dev.lakeport.app.pages.reports.ReportsViewModel.OutcomeFilter;
import dev.lakeport.app.pages.reports.ReportsViewModel.VerifyState;
import dev.lakeport.app.pages.run.TestingSampleProject;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.apply.ResultQuery;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Verify and reports step's logic on the sample's emulators, with a runner that runs tasks at once. */
class ReportsViewModelTest {
    @TempDir
    Path dir;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private TestingSampleProject project;
    private ReportsViewModel vm;

    private void open() {
        project = new TestingSampleProject(dir.resolve("sample"), 300);
        vm = new ReportsViewModel(project.session, new ImmediateTaskRunner(), dialogs, new Messages(Locale.ENGLISH));
    }

    private ApplyOutcome applyLatestDiff() {
        ApplyOutcome outcome = project.session
                .migration()
                .apply(
                        project.session.latestDiffRunProperty().get(),
                        new ApplyRequest(8, 0, false, false, OptionalLong.empty()),
                        ProgressListener.NONE,
                        CancellationToken.NONE);
        project.session.latestApplyProperty().set(outcome);
        return outcome;
    }

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void beforeAVerifyTheStepSaysWhatToDo() {
        open();
        vm.onEnter();
        assertThat(vm.verifyStateProperty().get()).isEqualTo(VerifyState.NOT_RUN);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).contains("Run Verify");
        assertThat(vm.completeProperty().get()).isFalse();
        assertThat(vm.runs()).isEmpty();
        assertThat(vm.pageTextProperty().get()).isEqualTo("No records");
    }

    @Test
    void verifyBeforeTheRunCountsWhatIsLeftAndHandsItToTheDiffStep() {
        open();
        project.loadAndDiff();
        vm.verify();
        assertThat(vm.verifyStateProperty().get()).isEqualTo(VerifyState.DIFFERENCES);
        long left = vm.verifySummaryProperty().get().total();
        assertThat(left)
                .isEqualTo(project.glue().databaseCount()
                        + project.glue().tableCount()
                        + project.glue().partitionCount()
                        + project.glue().functionCount());
        assertThat(project.session.latestDiffRunProperty().get())
                .isEqualTo(vm.verifyRunProperty().get());
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).contains("differences remain");
        assertThat(vm.completeProperty().get()).isFalse();
    }

    @Test
    void verifyAfterTheRunIsEmptyAndCompletesTheStep() {
        open();
        project.loadAndDiff();
        ApplyOutcome outcome = applyLatestDiff();
        vm.onEnter();
        assertThat(vm.selectedRunProperty().get().runId()).isEqualTo(outcome.runId());
        assertThat(vm.runSummaryProperty().get().totals().created())
                .isEqualTo(outcome.summary().totals().created());
        vm.verify();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.verifyStateProperty().get()).isEqualTo(VerifyState.MATCHES);
        assertThat(vm.verifySummaryProperty().get().isEmpty()).isTrue();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.completeProperty().get()).isTrue();
    }

    @Test
    void theResultTableFiltersAndPagesTheRunsRecords() {
        open();
        String database = project.addTableDlfRefuses();
        project.loadAndDiff();
        ApplyOutcome outcome = applyLatestDiff();
        vm.onEnter();
        long all = outcome.summary().totals().total();
        assertThat(all).isGreaterThan(ReportsViewModel.PAGE_SIZE);
        assertThat(vm.totalRowsProperty().get()).isEqualTo(all);
        assertThat(vm.rows()).hasSize(ReportsViewModel.PAGE_SIZE);
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 1–100 of %,d".formatted(all));
        assertThat(vm.canPreviousProperty().get()).isFalse();
        assertThat(vm.canNextProperty().get()).isTrue();

        vm.nextPage();
        assertThat(vm.pageProperty().get()).isEqualTo(1);
        assertThat(vm.pageTextProperty().get()).startsWith("Rows 101–");
        assertThat(vm.canPreviousProperty().get()).isTrue();

        // A filter starts again at the first page.
        vm.outcomeFilterProperty().set(OutcomeFilter.FAILED);
        assertThat(vm.pageProperty().get()).isZero();
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.itemName()).isEqualTo(database + "." + TestingSampleProject.BAD_TABLE);
            assertThat(r.isSuccess()).isFalse();
            assertThat(r.errorMsg()).contains("failed the verification");
            assertThat(r.diffResult()).isEqualTo("glueNew");
        });
        vm.kindFilterProperty().set(KindFilter.PARTITION);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.pageTextProperty().get()).isEqualTo("No records");

        vm.outcomeFilterProperty().set(OutcomeFilter.ALL);
        vm.kindFilterProperty().set(KindFilter.DATABASE);
        assertThat(vm.totalRowsProperty().get()).isEqualTo(project.glue().databaseCount());
        vm.kindFilterProperty().set(KindFilter.ALL);
        vm.textFilterProperty().set("BAD-TABLE");
        assertThat(vm.rows()).hasSize(1);
    }

    @Test
    void retryFailedItemsDiffsJustThoseAndHandsTheDiffToTheRunStep() {
        open();
        String database = project.addTableDlfRefuses();
        project.loadAndDiff();
        ApplyOutcome outcome = applyLatestDiff();
        vm.onEnter();
        assertThat(vm.retryableProperty().get()).isEqualTo(1);
        vm.retryFailed();
        assertThat(dialogs.errors).isEmpty();
        long retryDiff = vm.retryDiffRunProperty().get();
        assertThat(project.session.latestDiffRunProperty().get()).isEqualTo(retryDiff);
        Set<ObjectKey> failed = project.session.results().keys(outcome.runId(), ResultQuery.retryable());
        List<StoredDiffEntry> entries = project.session.diffs().page(retryDiff, DiffQuery.all(), 0, 100);
        assertThat(entries.stream().map(e -> e.entry().key()).collect(Collectors.toSet()))
                .isEqualTo(failed)
                .containsExactly(ObjectKey.table(database, TestingSampleProject.BAD_TABLE));
        assertThat(vm.retryMessageProperty().get())
                .contains("the 1 failed item is ready")
                .contains("Run step");
    }

    @Test
    void everyReportExportsToTheChosenFileAndTheHtmlOpens() throws Exception {
        open();
        project.loadAndDiff();
        ApplyOutcome outcome = applyLatestDiff();
        vm.onEnter();
        vm.verify();
        Path out = dir.resolve("reports");
        for (String name : List.of("verify.csv", "verify.json", "verify", "run.csv", "run.json", "run.html")) {
            dialogs.fileAnswers.add(out.resolve(name));
        }
        vm.exportDiff(Format.CSV);
        vm.exportDiff(Format.JSON);
        vm.exportDiff(Format.HTML);
        vm.exportResults(Format.CSV);
        vm.exportResults(Format.JSON);
        vm.exportResults(Format.HTML);
        assertThat(dialogs.errors).isEmpty();
        assertThat(Files.readString(out.resolve("verify.csv"))).startsWith("itemType,itemName,diffResult");
        assertThat(Files.readString(out.resolve("verify.json")))
                .contains("\"diffRunId\":" + vm.verifyRunProperty().get());
        assertThat(Files.readString(out.resolve("verify.html"))).startsWith("<!DOCTYPE html>");
        List<String> csv = Files.readAllLines(out.resolve("run.csv"));
        assertThat(csv.get(0)).isEqualTo("itemType,itemName,diffResult,isSuccess,errorMsg,time,durationMs");
        assertThat(csv).hasSize((int) outcome.summary().totals().total() + 1);
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"runId\":\"" + outcome.runId() + "\"");
        assertThat(Files.readString(out.resolve("run.html"))).contains(outcome.runId());
        assertThat(dialogs.notices).hasSize(6);

        vm.openDiffHtml();
        vm.openResultHtml();
        assertThat(dialogs.opened).containsExactly(out.resolve("verify.html"), out.resolve("run.html"));
    }

    @Test
    void aNewProjectForgetsTheOldOnesVerifyAndRuns() {
        open();
        project.loadAndDiff();
        applyLatestDiff();
        vm.onEnter();
        vm.verify();
        assertThat(vm.completeProperty().get()).isTrue();
        project.session.attach(project.session.read(dir.resolve("other.mv.db"), java.util.Map.of(), false));
        assertThat(vm.completeProperty().get()).isFalse();
        assertThat(vm.verifyRunProperty().get()).isEqualTo(-1);
        assertThat(vm.runs()).isEmpty();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void anExportedFileGetsTheExtensionOfItsFormat() {
        assertThat(ReportsViewModel.withExtension(Path.of("a/report"), Format.HTML))
                .isEqualTo(Path.of("a/report.html"));
        assertThat(ReportsViewModel.withExtension(Path.of("a/report.CSV"), Format.CSV))
                .isEqualTo(Path.of("a/report.CSV"));
    }
}
