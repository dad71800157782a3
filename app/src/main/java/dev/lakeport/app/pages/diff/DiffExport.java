package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.report.DiffReport;
import dev.lakeport.report.ReportInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Diff page's export: a run's report as CSV, JSON or standalone HTML, written in the background where the user
 * chose, and the last HTML report opened in the browser.
 */
final class DiffExport {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Path> htmlReport = new ReadOnlyObjectWrapper<>();

    DiffExport(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
    }

    /** Asks where to save run {@code runId}'s report in {@code format} and writes it in a task. */
    void export(DiffViewModel.Format format, long runId) {
        String title = messages.get(format.titleKey());
        String initialName =
                session.displayName().replace(".lakeport", "") + "-diff-" + runId + "." + format.extension();
        Optional<Path> chosen = dialogs.chooseFileToSave(
                title,
                initialName,
                List.of(FileFilter.of(messages.get(format.filterKey()), "*." + format.extension())));
        if (chosen.isEmpty()) {
            return;
        }
        Path file = DiffViewModel.withExtension(chosen.get(), format.extension());
        exporting.set(true);
        tasks.task(title, scope -> {
                    DiffReport report = new DiffReport(
                            session.diffs(),
                            runId,
                            reportInfo(runId),
                            session.store().itemNames());
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    switch (format) {
                        case CSV -> report.writeCsv(file);
                        case JSON -> report.writeJson(file);
                        case HTML -> report.writeHtml(file, DiffReport.DEFAULT_MAX_ENTRIES);
                    }
                    return file;
                })
                .onSuccess(written -> {
                    dialogs.notify(messages.get("diff.export.done", written.toAbsolutePath()));
                    if (format == DiffViewModel.Format.HTML) {
                        htmlReport.set(written);
                    }
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onFinished(() -> exporting.set(false))
                .start();
    }

    /** Opens the last exported HTML report in the browser. */
    public void openHtmlReport() {
        Path file = htmlReport.get();
        if (file != null) {
            dialogs.openExternally(file);
        }
    }

    private ReportInfo reportInfo(long runId) {
        String project = session.displayName();
        String source = messages.get("diff.report.source");
        String destination = messages.get("diff.report.destination");
        try {
            MigrationConfig config = session.config();
            source = config.source().connector().displayName() + " · "
                    + config.source().describe();
            destination = config.destination().connector().displayName() + " · "
                    + config.destination().describe();
        } catch (ConfigException e) {
            // The report still names the two kinds of catalog; regions come with valid settings.
        }
        return new ReportInfo(messages.get("diff.report.title", runId, project), Instant.now(), source, destination)
                .withWords(session.words())
                .withExclusionRules(session.exclusionRuleNames());
    }

    /** Another run is shown: its report was not exported yet. */
    void forgetHtmlReport() {
        htmlReport.set(null);
    }

    ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Path> htmlReportProperty() {
        return htmlReport.getReadOnlyProperty();
    }
}
