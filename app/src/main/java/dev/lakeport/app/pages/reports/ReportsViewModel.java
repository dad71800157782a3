package dev.lakeport.app.pages.reports;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.task.TaskScope;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.app.wizard.StepNavigator;
import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultQuery;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.ResultRunInfo;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.StoredResult;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.report.DiffReport;
import dev.lakeport.report.ExportableReport;
import dev.lakeport.report.ReportInfo;
import dev.lakeport.report.ResultReport;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step Verify and reports: the re-diff after a run (it should be empty, and the page says so), a run's result log as
 * a filterable, paged table, "retry failed items" (a diff of just those, for the Run step to apply), and the export of
 * every report. The step is done when a verify came back empty: that is the migration's proof, where a result log
 * only says what was attempted.
 */
public final class ReportsViewModel extends AbstractPageViewModel {
    /** Rows a page of the result table holds; a run can have a million records. */
    public static final int PAGE_SIZE = 100;

    public enum OutcomeFilter {
        ALL(Set.of()),
        SUCCEEDED(EnumSet.of(Outcome.SUCCEEDED)),
        /** Failed, and not run because of a cancel: what "retry failed items" takes. */
        FAILED(EnumSet.of(Outcome.FAILED, Outcome.NOT_RUN)),
        SKIPPED(EnumSet.of(Outcome.SKIPPED));

        private final Set<Outcome> outcomes;

        OutcomeFilter(Set<Outcome> outcomes) {
            this.outcomes = outcomes;
        }

        public Set<Outcome> outcomes() {
            return outcomes;
        }
    }

    public enum KindFilter {
        ALL,
        DATABASE,
        TABLE,
        PARTITION,
        FUNCTION;

        Optional<ObjectKind> kind() {
            return this == ALL ? Optional.empty() : Optional.of(ObjectKind.valueOf(name()));
        }
    }

    public enum VerifyState {
        NOT_RUN,
        RUNNING,
        /** The re-diff is empty. */
        MATCHES,
        DIFFERENCES,
        FAILED
    }

    public enum Format {
        CSV("csv"),
        JSON("json"),
        HTML("html");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;

    private final ReadOnlyObjectWrapper<VerifyState> verifyState = new ReadOnlyObjectWrapper<>(VerifyState.NOT_RUN);
    private final ReadOnlyLongWrapper verifyRun = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyObjectWrapper<DiffSummary> verifySummary = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.ReadOnlyLongWrapper verifyExcluded =
            new javafx.beans.property.ReadOnlyLongWrapper();

    private final ObservableList<ResultRunInfo> runs = FXCollections.observableArrayList();
    private final ObjectProperty<ResultRunInfo> selectedRun = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RunSummary> runSummary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper retryable = new ReadOnlyLongWrapper();

    private final ObjectProperty<OutcomeFilter> outcomeFilter = new SimpleObjectProperty<>(OutcomeFilter.ALL);
    private final ObjectProperty<KindFilter> kindFilter = new SimpleObjectProperty<>(KindFilter.ALL);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObservableList<ResultRecord> rows = FXCollections.observableArrayList();
    private final ObservableList<ResultRecord> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyLongWrapper totalRows = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper();

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper retryMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper retryDiffRun = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyObjectWrapper<Path> diffHtml = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> resultHtml = new ReadOnlyObjectWrapper<>();

    private long runsGeneration;
    private long pageGeneration;
    private boolean selecting;

    private final StepNavigator navigator;

    public ReportsViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        this(session, tasks, dialogs, messages, new StepNavigator());
    }

    /** @param navigator takes the user to the Run step once a retry diff is ready */
    public ReportsViewModel(
            ProjectSession session,
            TaskRunner tasks,
            DialogService dialogs,
            Messages messages,
            StepNavigator navigator) {
        super(Step.REPORTS);
        this.navigator = requireNonNull(navigator, "navigator is null");
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);

        selectedRun.addListener((obs, old, now) -> {
            if (!selecting) {
                runSelected();
            }
        });
        outcomeFilter.addListener((obs, old, now) -> firstPage());
        kindFilter.addListener((obs, old, now) -> firstPage());
        textFilter.addListener((obs, old, now) -> firstPage());
        session.latestApplyProperty().addListener((obs, old, now) -> {
            if (now != null) {
                loadRuns(Optional.of(now.runId()));
            }
        });
        session.projectFileProperty().addListener((obs, old, now) -> projectChanged());
        update();
    }

    @Override
    public void onEnter() {
        ApplyOutcome latest = session.latestApplyProperty().get();
        loadRuns(Optional.ofNullable(latest).map(ApplyOutcome::runId));
    }

    private void projectChanged() {
        verifyState.set(VerifyState.NOT_RUN);
        verifyRun.set(-1);
        verifySummary.set(null);
        retryMessage.set("");
        retryDiffRun.set(-1);
        diffHtml.set(null);
        resultHtml.set(null);
        selecting = true;
        try {
            runs.clear();
            selectedRun.set(null);
        } finally {
            selecting = false;
        }
        runSummary.set(null);
        retryable.set(0);
        rows.clear();
        totalRows.set(0);
        page.set(0);
        updatePager();
        update();
    }

    // ---- verify

    /** Reads the destination again and diffs: after a run the re-diff must be empty. */
    public void verify() {
        if (busy.get() || !session.openProperty().get()) {
            return;
        }
        busy.set(true);
        verifyState.set(VerifyState.RUNNING);
        update();
        String title = messages.get("reports.verify.task");
        tasks.task(title, scope -> {
                    DiffRun verified = verifyNow(scope);
                    return java.util.Map.entry(verified, session.migration().remaining(verified.runId()));
                })
                .onSuccess(done -> {
                    DiffRun run = done.getKey();
                    // What only the user's exclusion rules leave out is no difference to fix.
                    verifyExcluded.set(done.getValue().excluded());
                    verifyRun.set(run.runId());
                    verifySummary.set(run.summary());
                    verifyState.set(done.getValue().settled() ? VerifyState.MATCHES : VerifyState.DIFFERENCES);
                    // The Diff step shows what is left; the Run step would apply it.
                    session.latestDiffRunProperty().set(run.runId());
                })
                .onFailure(e -> {
                    verifyState.set(VerifyState.FAILED);
                    dialogs.showError(errors.describe(title, e));
                })
                .onCancelled(() -> verifyState.set(VerifyState.NOT_RUN))
                .onFinished(() -> {
                    busy.set(false);
                    update();
                })
                .start();
    }

    private DiffRun verifyNow(TaskScope scope) {
        try {
            return session.migration().verify(scope, scope.cancellation());
        } catch (IllegalStateException e) {
            // A cancelled re-read ends as "could not be re-read completely"; report it as the cancel it was.
            if (scope.cancellation().isCancelled()) {
                throw new CancellationException("cancelled");
            }
            throw e;
        }
    }

    // ---- runs and the result table

    /** Lists the project's runs and selects {@code prefer} (else the selected one, else the newest). */
    public void loadRuns(Optional<String> prefer) {
        if (!session.openProperty().get()) {
            return;
        }
        long generation = ++runsGeneration;
        tasks.task(messages.get("reports.runs.task"), scope -> session.results().runs())
                .onSuccess(list -> {
                    if (generation != runsGeneration) {
                        return;
                    }
                    String keep = prefer.orElseGet(() -> Optional.ofNullable(selectedRun.get())
                            .map(ResultRunInfo::runId)
                            .orElse(null));
                    ResultRunInfo choice = list.stream()
                            .filter(r -> r.runId().equals(keep))
                            .findFirst()
                            .orElse(list.isEmpty() ? null : list.get(0));
                    selecting = true;
                    try {
                        runs.setAll(list);
                        selectedRun.set(choice);
                    } finally {
                        selecting = false;
                    }
                    runSelected();
                })
                .onFailure(e -> dialogs.showError(errors.describe(messages.get("reports.runs.task"), e)))
                .start();
    }

    private void runSelected() {
        ResultRunInfo run = selectedRun.get();
        runSummary.set(null);
        retryable.set(0);
        resultHtml.set(null);
        if (run == null) {
            rows.clear();
            totalRows.set(0);
            page.set(0);
            updatePager();
            update();
            return;
        }
        String runId = run.runId();
        tasks.task(messages.get("reports.runs.task"), scope -> {
                    ResultStore results = session.results();
                    return new RunFacts(results.summary(runId), results.count(runId, ResultQuery.retryable()));
                })
                .onSuccess(facts -> {
                    if (selectedRun.get() == null || !selectedRun.get().runId().equals(runId)) {
                        return;
                    }
                    runSummary.set(facts.summary());
                    retryable.set(facts.retryable());
                    update();
                })
                .onFailure(e -> dialogs.showError(errors.describe(messages.get("reports.runs.task"), e)))
                .start();
        firstPage();
    }

    private record RunFacts(RunSummary summary, long retryable) {}

    private void firstPage() {
        page.set(0);
        loadPage();
    }

    public void nextPage() {
        if (canNext.get()) {
            page.set(page.get() + 1);
            loadPage();
        }
    }

    public void previousPage() {
        if (canPrevious.get()) {
            page.set(page.get() - 1);
            loadPage();
        }
    }

    private ResultQuery query() {
        return ResultQuery.all()
                .withOutcomes(outcomeFilter.get().outcomes())
                .withKind(kindFilter.get().kind())
                .withText(textFilter.get() == null ? "" : textFilter.get());
    }

    /** Reads the current page (and the filtered count) in a task; an answer overtaken by a newer query is dropped. */
    private void loadPage() {
        ResultRunInfo run = selectedRun.get();
        if (run == null) {
            return;
        }
        String runId = run.runId();
        ResultQuery query = query();
        long offset = (long) page.get() * PAGE_SIZE;
        long generation = ++pageGeneration;
        tasks.task(messages.get("reports.table.task"), scope -> {
                    ResultStore results = session.results();
                    long total = results.count(runId, query);
                    List<StoredResult> found = results.page(runId, query, offset, PAGE_SIZE);
                    return new TablePage(
                            total, found.stream().map(StoredResult::record).toList());
                })
                .onSuccess(p -> {
                    if (generation != pageGeneration) {
                        return;
                    }
                    rows.setAll(p.rows());
                    totalRows.set(p.total());
                    updatePager();
                })
                .onFailure(e -> dialogs.showError(errors.describe(messages.get("reports.table.task"), e)))
                .start();
    }

    private record TablePage(long total, List<ResultRecord> rows) {}

    private void updatePager() {
        long total = totalRows.get();
        long from = (long) page.get() * PAGE_SIZE;
        canPrevious.set(page.get() > 0);
        canNext.set(from + PAGE_SIZE < total);
        pageText.set(
                total == 0
                        ? messages.get("reports.table.empty")
                        : messages.get("reports.table.rows", from + 1, Math.min(total, from + PAGE_SIZE), total));
    }

    // ---- retry failed items

    /**
     * Diffs just the failed (and not run) items of the selected run, after reading the destination again, and makes
     * that diff the one the Run step applies.
     */
    public void retryFailed() {
        ResultRunInfo run = selectedRun.get();
        if (run == null || busy.get() || retryable.get() == 0) {
            return;
        }
        busy.set(true);
        retryMessage.set("");
        update();
        String runId = run.runId();
        String title = messages.get("reports.retry.task");
        tasks.task(title, scope -> retryDiff(runId, scope))
                .onSuccess(retry -> {
                    if (retry.isEmpty()) {
                        retryMessage.set(messages.get("reports.retry.nothing"));
                        return;
                    }
                    DiffRun diff = retry.get().diff();
                    retryDiffRun.set(diff.runId());
                    session.latestDiffRunProperty().set(diff.runId());
                    DiffSummary s = diff.summary();
                    retryMessage.set(messages.get(
                            "reports.retry.ready",
                            retry.get().items(),
                            diff.runId(),
                            s.total(DiffResult.CREATE),
                            s.total(DiffResult.UPDATE),
                            s.total(DiffResult.DELETE),
                            s.total()));
                    if (navigator.go(Step.RUN)) {
                        dialogs.notify(retryMessage.get());
                    }
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onFinished(() -> {
                    busy.set(false);
                    update();
                })
                .start();
    }

    private record Retry(int items, DiffRun diff) {}

    private Optional<Retry> retryDiff(String runId, TaskScope scope) {
        Migration migration = session.migration();
        Set<ObjectKey> keys = migration.results().keys(runId, ResultQuery.retryable());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        LoadSummary load = migration.load(Side.DESTINATION, scope, scope.cancellation());
        scope.cancellation().check();
        if (!load.complete()) {
            throw new IllegalStateException("the destination could not be re-read completely: " + load.failures());
        }
        return Optional.of(new Retry(keys.size(), migration.diff(keys, scope, scope.cancellation())));
    }

    // ---- exports

    /** Exports the verify's re-diff as CSV, JSON or HTML. */
    public void exportDiff(Format format) {
        long runId = verifyRun.get();
        if (runId < 0) {
            return;
        }
        String title = messages.get("reports.export.diff.title");
        String reportTitle = messages.get("reports.export.diff.report", runId);
        export(
                title,
                "lakeport-verify-" + runId,
                format,
                () -> new DiffReport(
                        session.diffs(),
                        runId,
                        info(reportTitle),
                        session.store().itemNames()),
                path -> diffHtml.set(path));
    }

    /** Exports the selected run's result log as CSV, JSON or HTML. */
    public void exportResults(Format format) {
        ResultRunInfo run = selectedRun.get();
        if (run == null) {
            return;
        }
        String runId = run.runId();
        String title = messages.get("reports.export.results.title");
        String reportTitle = messages.get("reports.export.results.report", runId);
        export(
                title,
                "lakeport-run-" + runId,
                format,
                () -> new ResultReport(session.results(), runId, info(reportTitle)),
                path -> resultHtml.set(path));
    }

    private interface ReportSource {
        ExportableReport open();
    }

    private void export(
            String title, String baseName, Format format, ReportSource source, java.util.function.Consumer<Path> html) {
        Optional<Path> chosen =
                dialogs.chooseFileToSave(title, baseName + "." + format.extension(), List.of(filter(format)));
        if (chosen.isEmpty()) {
            return;
        }
        Path file = withExtension(chosen.get(), format);
        tasks.task(title, scope -> {
                    ExportableReport report = source.open();
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        java.nio.file.Files.createDirectories(parent);
                    }
                    switch (format) {
                        case CSV -> report.writeCsv(file);
                        case JSON -> report.writeJson(file);
                        case HTML -> report.writeHtml(file, DiffReport.DEFAULT_MAX_ENTRIES);
                    }
                    return file;
                })
                .onSuccess(written -> {
                    if (format == Format.HTML) {
                        html.accept(written);
                    }
                    dialogs.notify(messages.get("reports.export.done", written));
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .start();
    }

    private FileFilter filter(Format format) {
        return FileFilter.of(messages.get("common.filter." + format.extension()), "*." + format.extension());
    }

    static Path withExtension(Path file, Format format) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith("." + format.extension())
                ? file
                : file.resolveSibling(name + "." + format.extension());
    }

    /** What the report says of itself: its title and the two catalogs, without credentials. Off the FX thread. */
    private ReportInfo info(String title) {
        MigrationConfig config = session.config();
        String source = config.source().connector().displayName() + " · "
                + config.source().describe();
        String destination = config.destination().connector().displayName() + " · "
                + config.destination().describe();
        return new ReportInfo(title, Instant.now(), source, destination)
                .withWords(config.route().words())
                .withExclusionRules(session.exclusionRuleNames());
    }

    /** Opens the last exported HTML diff report in the browser. */
    public void openDiffHtml() {
        Optional.ofNullable(diffHtml.get()).ifPresent(dialogs::openExternally);
    }

    /** Opens the last exported HTML result report in the browser. */
    public void openResultHtml() {
        Optional.ofNullable(resultHtml.get()).ifPresent(dialogs::openExternally);
    }

    // ---- the wizard

    private void update() {
        switch (verifyState.get()) {
            case MATCHES -> setValid();
            case DIFFERENCES -> setInvalid(messages.get(
                    "reports.problem.differences", verifySummary.get().total()));
            case RUNNING -> setInvalid(messages.get("reports.problem.running"));
            default -> setInvalid(messages.get("reports.problem.verify"));
        }
        setComplete(verifyState.get() == VerifyState.MATCHES);
    }

    // ---- properties

    public ReadOnlyObjectProperty<VerifyState> verifyStateProperty() {
        return verifyState.getReadOnlyProperty();
    }

    /** The diff run the last verify made; -1 before one. */
    public ReadOnlyLongProperty verifyRunProperty() {
        return verifyRun.getReadOnlyProperty();
    }

    /** Differences the last verify found that the user's exclusion rules leave out. */
    public javafx.beans.property.ReadOnlyLongProperty verifyExcludedProperty() {
        return verifyExcluded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiffSummary> verifySummaryProperty() {
        return verifySummary.getReadOnlyProperty();
    }

    /** The project's runs, newest first. */
    public ObservableList<ResultRunInfo> runs() {
        return runs;
    }

    public ObjectProperty<ResultRunInfo> selectedRunProperty() {
        return selectedRun;
    }

    public ReadOnlyObjectProperty<RunSummary> runSummaryProperty() {
        return runSummary.getReadOnlyProperty();
    }

    /** Failed and not-run records of the selected run. */
    public ReadOnlyLongProperty retryableProperty() {
        return retryable.getReadOnlyProperty();
    }

    public ObjectProperty<OutcomeFilter> outcomeFilterProperty() {
        return outcomeFilter;
    }

    public ObjectProperty<KindFilter> kindFilterProperty() {
        return kindFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    /** The rows of the current page. */
    public ObservableList<ResultRecord> rows() {
        return rowsView;
    }

    /** Rows the filters select, over every page. */
    public ReadOnlyLongProperty totalRowsProperty() {
        return totalRows.getReadOnlyProperty();
    }

    /** 0-based. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What "retry failed items" made, in words; empty before. */
    public ReadOnlyStringProperty retryMessageProperty() {
        return retryMessage.getReadOnlyProperty();
    }

    /** The diff of the failed items; -1 before one. */
    public ReadOnlyLongProperty retryDiffRunProperty() {
        return retryDiffRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> diffHtmlProperty() {
        return diffHtml.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> resultHtmlProperty() {
        return resultHtml.getReadOnlyProperty();
    }
}
