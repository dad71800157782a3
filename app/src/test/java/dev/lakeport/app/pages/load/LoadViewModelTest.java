package dev.lakeport.app.pages.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Load step over the sample project's emulators, with work run at once on the test's thread. */
class LoadViewModelTest {
    private static final int PARTITIONS = 300;

    @TempDir
    Path home;

    private final SampleEnvironment sample = new SampleEnvironment();
    private final ProjectSession session = new ProjectSession(CredentialStore.MEMORY);
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final Messages messages = new Messages(Locale.ENGLISH);
    private SampleEnvironment.Sample started;
    private LoadViewModel viewModel;

    @BeforeEach
    void openSample() {
        started = sample.start(home.resolve("sample"), PARTITIONS);
        session.attach(session.read(started.projectFile(), started.settings(), true));
        viewModel = new LoadViewModel(session, new ImmediateTaskRunner(), dialogs, messages);
    }

    @AfterEach
    void close() {
        session.close();
        sample.close();
    }

    @Test
    void nothingLoadedYetKeepsNextDisabledAndSaysWhy() {
        viewModel.onEnter();
        assertThat(viewModel.source().stateProperty().get()).isEqualTo(SideLoad.State.NOT_LOADED);
        assertThat(viewModel.configValidProperty().get()).isTrue();
        assertThat(viewModel.canLoadProperty().get()).isTrue();
        assertThat(viewModel.canResumeProperty().get()).isFalse();
        assertThat(viewModel.validProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).isEqualTo("Load both catalogs to go on.");
    }

    @Test
    void loadingBothSidesFillsTheSnapshotCompletesTheStepAndTellsTheOtherPages() {
        viewModel.onEnter();
        long generation = session.snapshotGenerationProperty().get();

        viewModel.loadBoth();

        assertThat(dialogs.errors).isEmpty();
        SideLoad source = viewModel.source();
        assertThat(source.stateProperty().get()).isEqualTo(SideLoad.State.COMPLETE);
        assertThat(viewModel.destination().stateProperty().get()).isEqualTo(SideLoad.State.COMPLETE);
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.completeProperty().get()).isTrue();
        assertThat(session.snapshotGenerationProperty().get()).isGreaterThan(generation);
        assertThat(dialogs.notices).contains("Both catalogs are in the snapshot.");

        // Per database: every one done, and their partitions add up to the catalog's.
        assertThat(source.databases()).hasSize(started.catalog().databases());
        assertThat(source.databases())
                .allSatisfy(row -> assertThat(row.status()).isEqualTo(SideLoad.RowStatus.DONE));
        assertThat(source.databases().stream()
                        .mapToLong(SideLoad.DatabaseRow::partitions)
                        .sum())
                .isEqualTo(PARTITIONS);
        assertThat(source.partitionsProperty().get()).isEqualTo(PARTITIONS);
        assertThat(source.failures()).isEmpty();
        LoadInfo stored = session.store().loadInfo(Side.SOURCE).orElseThrow();
        assertThat(stored.complete()).isTrue();
        assertThat(stored.partitions()).isEqualTo(PARTITIONS);
        assertThat(source.resultProperty().get())
                .startsWith("Loaded " + started.catalog().databases() + " databases, " + stored.tables() + " tables, "
                        + PARTITIONS + " partitions and " + started.catalog().functions() + " functions in ");
        assertThat(source.snapshotProperty().get()).startsWith("The snapshot holds 5 databases");
        assertThat(viewModel.destination().resultProperty().get())
                .startsWith("Loaded no databases, no tables, no partitions and no functions in ");
    }

    @Test
    void aSnapshotLoadedInAnEarlierWindowCountsAsLoaded() {
        viewModel.onEnter();
        viewModel.loadBoth();

        LoadViewModel later = new LoadViewModel(session, new ImmediateTaskRunner(), dialogs, messages);
        assertThat(later.validProperty().get()).isFalse();
        later.onEnter();

        assertThat(later.validProperty().get()).isTrue();
        assertThat(later.completeProperty().get()).isTrue();
        assertThat(later.source().resultProperty().get()).isEmpty();
        assertThat(later.source().databases()).hasSize(5).allSatisfy(row -> assertThat(row.status())
                .isEqualTo(SideLoad.RowStatus.STORED));
        assertThat(later.source().databases().stream()
                        .mapToLong(SideLoad.DatabaseRow::partitions)
                        .sum())
                .isEqualTo(PARTITIONS);
    }

    @Test
    void anotherProjectShowsItsOwnSnapshotNotTheLastLoad() {
        viewModel.onEnter();
        viewModel.loadBoth();
        assertThat(viewModel.source().resultProperty().get()).startsWith("Loaded ");

        session.attach(session.read(home.resolve("other.lakeport.mv.db"), started.settings(), false));
        viewModel.onEnter();

        assertThat(viewModel.source().stateProperty().get()).isEqualTo(SideLoad.State.NOT_LOADED);
        assertThat(viewModel.source().resultProperty().get()).isEmpty();
        assertThat(viewModel.source().databases()).isEmpty();
        assertThat(viewModel.validProperty().get()).isFalse();
    }

    @Test
    void invalidSettingsAreShownWithTheirProblemsAndNothingLoads() {
        String convertMap = session.setting("location.convertMap").get();
        session.setting("location.convertMap").set("{not json");
        viewModel.onEnter();

        assertThat(viewModel.configValidProperty().get()).isFalse();
        assertThat(viewModel.configProblems()).anySatisfy(p -> assertThat(p).startsWith("location.convertMap"));
        assertThat(viewModel.canLoadProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).isEqualTo("The settings have problems; correct them first.");

        viewModel.loadBoth();
        viewModel.load(Side.SOURCE);
        assertThat(viewModel.source().stateProperty().get()).isEqualTo(SideLoad.State.NOT_LOADED);
        assertThat(session.store().loadInfo(Side.SOURCE)).isEmpty();

        session.setting("location.convertMap").set(convertMap);
        viewModel.onEnter();
        assertThat(viewModel.configValidProperty().get()).isTrue();
        assertThat(viewModel.configProblems()).isEmpty();
    }

    @Test
    void oneSideLoadsAloneAndTheOtherStaysAsItWas() {
        viewModel.onEnter();
        viewModel.load(Side.DESTINATION);
        assertThat(viewModel.destination().stateProperty().get()).isEqualTo(SideLoad.State.COMPLETE);
        assertThat(viewModel.source().stateProperty().get()).isEqualTo(SideLoad.State.NOT_LOADED);
        assertThat(viewModel.validProperty().get()).isFalse();
        viewModel.load(Side.SOURCE);
        assertThat(viewModel.validProperty().get()).isTrue();
    }
}
