package dev.lakeport.app.testing;

import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.AppContext;
import dev.lakeport.app.AppDirs;
import dev.lakeport.app.LakeportApplication;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.WizardView;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The whole window as the app builds it, over services a test chooses. Call {@link #show} on the FX thread. */
public final class TestingWindow implements AutoCloseable {
    public final AppContext context;
    public final AppContext.Ui ui;
    public final WizardView view;
    public final RecordingDialogService dialogs;
    public final Messages messages;

    public TestingWindow(Path home, TaskRunner tasks, RecordingDialogService dialogs, Locale locale) {
        this(home, tasks, dialogs, locale, 2_000);
    }

    public TestingWindow(
            Path home, TaskRunner tasks, RecordingDialogService dialogs, Locale locale, int samplePartitions) {
        this(home, tasks, dialogs, locale, samplePartitions, new SampleEnvironment());
    }

    public TestingWindow(
            Path home,
            TaskRunner tasks,
            RecordingDialogService dialogs,
            Locale locale,
            int samplePartitions,
            SampleEnvironment sample) {
        this.context = new AppContext(AppDirs.of(home), tasks, CredentialStore.MEMORY, samplePartitions, sample);
        this.dialogs = dialogs;
        this.messages = new Messages(locale);
        this.ui = context.buildUi(messages, dialogs);
        this.view = new WizardView(ui.wizard(), ui.pages(), tasks, messages, new WizardView.WindowActions() {
            private boolean dark;

            @Override
            public void toggleTheme() {
                dark = !dark;
            }

            @Override
            public boolean isDark() {
                return dark;
            }

            @Override
            public void switchLanguage(Locale newLocale) {}
        });
    }

    public void show(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(view, 1280, 820);
        scene.getStylesheets()
                .add(LakeportApplication.class
                        .getResource(LakeportApplication.STYLESHEET)
                        .toExternalForm());
        stage.setScene(scene);
        // The stage is shared by the tests of a JVM: one that resized it (a small-window test) must not leave
        // the next with its size.
        stage.sizeToScene();
        stage.show();
        ui.wizard().start();
    }

    @Override
    public void close() {
        context.close();
    }
}
