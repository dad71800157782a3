package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;

/** Step Diff. */
public final class DiffViewModel extends AbstractPageViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;

    public DiffViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.DIFF);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        setValid();
    }
}
