package dev.lakeport.app.pages.reports;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;

/** Step Reports. */
public final class ReportsViewModel extends AbstractPageViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;

    public ReportsViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.REPORTS);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        setValid();
    }
}
