package dev.lakeport.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FxDialogService;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.session.SecureCredentialStore;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.wizard.WizardView;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop application: one window over the wizard. */
public final class LakeportApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(LakeportApplication.class);
    public static final String STYLESHEET = "/dev/lakeport/app/lakeport.css";

    private AppContext context;
    private SecureCredentialStore credentials;
    private FxTaskRunner tasks;
    private Stage stage;
    private WizardView view;
    private AppContext.Ui ui;

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        StartupOptions options = StartupOptions.parse(getParameters().getRaw().toArray(String[]::new));
        tasks = new FxTaskRunner();
        AppDirs dirs = AppDirs.detect();
        credentials = new SecureCredentialStore(dirs.data().resolve("vault.json"));
        context = new AppContext(dirs, tasks, credentials, options.partitions());
        applyTheme(context.preferences().darkTheme());
        Locale locale = context.preferences().language().orElse(Messages.supported(Locale.getDefault()));
        Scene scene = new Scene(buildView(new Messages(locale)), 1280, 820);
        scene.getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        for (int size : new int[] {16, 32, 48, 256}) {
            var icon = getClass().getResource("/dev/lakeport/app/icons/lakeport-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
        installErrorHandler();
        stage.setOnShown(e -> reportStartup());
        stage.show();
        ui.wizard().start();
        // The keyring probe talks to the desktop's bus: never on the FX thread, and never delaying the window.
        tasks.task("keyring", scope -> credentials.useKeyringIfAvailable()).start();
        boolean firstStart = context.preferences().firstStart();
        if (firstStart) {
            context.preferences().markStarted();
        }
        if (options.opensSample(firstStart)) {
            ui.viewModel(ProjectViewModel.class).openSample();
        } else {
            options.project()
                    .ifPresent(p -> ui.viewModel(ProjectViewModel.class).openRecent(p));
        }
    }

    /**
     * Logs how long the first window took from JVM start. With {@code -Dlakeport.startupBenchmark=true} it prints the
     * figure and exits: the desktop startup benchmark runs the app that way several times.
     */
    private void reportStartup() {
        long millis = System.currentTimeMillis()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        LOG.info("first window shown {} ms after the JVM started", millis);
        if (Boolean.getBoolean("lakeport.startupBenchmark")) {
            System.out.println("first-window-ms=" + millis);
            javafx.application.Platform.exit();
        }
    }

    private WizardView buildView(Messages messages) {
        FxDialogService dialogs = new FxDialogService(
                () -> stage, messages, Optional.of(getHostServices()), text -> view.showNotice(text));
        ui = context.buildUi(messages, dialogs);
        view = new WizardView(ui.wizard(), ui.pages(), tasks, messages, new WizardView.WindowActions() {
            @Override
            public void toggleTheme() {
                boolean dark = !context.preferences().darkTheme();
                context.preferences().setDarkTheme(dark);
                applyTheme(dark);
            }

            @Override
            public boolean isDark() {
                return context.preferences().darkTheme();
            }

            @Override
            public void switchLanguage(Locale locale) {
                // Takes effect on the next start: rebuilding the pages live would leave the old view models
                // listening to the open project.
                context.preferences().setLanguage(locale);
                view.showNotice(new Messages(locale).get("header.language.restart"));
            }
        });
        stage.titleProperty().bind(ui.wizard().titleProperty());
        return view;
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** An uncaught exception is logged, the project's settings are saved, and the user sees what happened. */
    private void installErrorHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("uncaught exception on {}", thread.getName(), error);
            try {
                if (context.session().openProperty().get()) {
                    context.session().save();
                }
            } catch (RuntimeException saveError) {
                LOG.error("could not save the project after an uncaught exception", saveError);
            }
            tasks.runOnFxThread(() -> {
                Messages messages =
                        new Messages(context.preferences().language().orElse(Messages.supported(Locale.getDefault())));
                new FxDialogService(() -> stage, messages, Optional.empty(), text -> {})
                        .showError(new ErrorMessages(messages).describe(messages.get("error.unexpected"), error));
            });
        });
    }

    @Override
    public void stop() {
        if (ui != null) {
            ui.wizard().saveIfChanged();
        }
        if (tasks != null) {
            tasks.close();
        }
        if (context != null) {
            context.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }
}
