package dev.lakeport.app.pages.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialChoice.Way;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.SampleProject;
import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.connector.SettingsCheck;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.pipeline.ConnectionProbe;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Connections page's logic without a screen: validation per field, modes, tests and what they mean. */
class ConnectionsViewModelTest {
    private static GlueEmulator glue;
    private static DlfEmulator dlf;
    private static SampleCatalog.Summary sample;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private ProjectSession session;
    private ConnectionsViewModel viewModel;

    @BeforeAll
    static void startEmulators() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        sample = SampleCatalog.generate(
                glue.store(), new SampleCatalog.Options(SampleProject.SEED, 20, SampleProject.REGION));
    }

    @AfterAll
    static void stopEmulators() {
        glue.close();
        dlf.close();
    }

    @BeforeEach
    void setUp() {
        session = new ProjectSession(CredentialStore.MEMORY);
        Map<String, String> settings =
                SampleProject.settings(glue.endpoint().toString(), dlf.endpoint(), dlf.catalogId(), "/tmp/results");
        session.replaceSettings(settings);
        viewModel = new ConnectionsViewModel(
                session,
                new ImmediateTaskRunner(),
                dialogs,
                new Messages(Locale.ENGLISH),
                new ConnectionProbe(Duration.ofSeconds(10)));
    }

    @Test
    void theSampleSettingsAreValidAndSignInWithKeys() {
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isEqualTo(Way.KEYS);
        assertThat(viewModel.wayProperty(Side.DESTINATION).get()).isEqualTo(Way.KEYS);
        assertThat(viewModel.completeProperty().get()).isFalse();
    }

    @Test
    void eachInvalidFieldSaysWhyUnderItselfAndThePageNamesTheFirst() {
        session.setting(ConfigKeys.AWS_REGION).set("frankfurt");
        assertThat(viewModel.errorProperty(ConfigKeys.AWS_REGION).get()).contains("not an AWS region");
        assertThat(viewModel.validProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).startsWith("Source, Region:");
        assertThat(viewModel.sourceValidProperty().get()).isFalse();
        assertThat(viewModel.destinationValidProperty().get()).isTrue();

        session.setting(ConfigKeys.AWS_CATALOG_ID).set("12ab");
        assertThat(viewModel.errorProperty(ConfigKeys.AWS_CATALOG_ID).get()).contains("12-digit");
        session.setting(ConfigKeys.ALIYUN_ENDPOINT).set("dlf cn hangzhou");
        assertThat(viewModel.errorProperty(ConfigKeys.ALIYUN_ENDPOINT).get()).contains("not a host name");
        session.setting(ConfigKeys.AWS_ENDPOINT).set("ftp://glue.example.com");
        assertThat(viewModel.errorProperty(ConfigKeys.AWS_ENDPOINT).get()).contains("http://");

        session.setting(ConfigKeys.AWS_REGION).set("eu-central-1");
        session.setting(ConfigKeys.AWS_CATALOG_ID).set("123456789012");
        session.setting(ConfigKeys.AWS_ENDPOINT).set(glue.endpoint().toString());
        session.setting(ConfigKeys.ALIYUN_ENDPOINT).set("http://" + dlf.endpoint());
        assertThat(viewModel.errorProperty(ConfigKeys.AWS_REGION).get()).isEmpty();
        assertThat(viewModel.errorProperty(ConfigKeys.ALIYUN_ENDPOINT).get()).isEmpty();
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.problemProperty().get()).isEmpty();
    }

    @Test
    void aKeyIdWithoutItsSecretIsAnErrorOnTheSecret() {
        session.setting(ConfigKeys.AWS_SECRET_ACCESS_KEY).set("");
        assertThat(viewModel.errorProperty(ConfigKeys.AWS_SECRET_ACCESS_KEY).get())
                .contains("missing while aws.accessKeyId is set");
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isEqualTo(Way.KEYS);
        assertThat(viewModel.validProperty().get()).isFalse();
    }

    @Test
    void otherPagesSettingsNeverMakeThisPageInvalid() {
        session.setting(ConfigKeys.LOCATION_CONVERT_MAP).set("{not json");
        session.setting(ConfigKeys.MODE).set("full");
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(viewModel.problemProperty().get()).isEmpty();
    }

    @Test
    void choosingAnotherWayToSignInClearsTheOthersSettings() {
        viewModel.wayProperty(Side.SOURCE).set(Way.PROFILE);
        assertThat(session.settings())
                .doesNotContainKeys(ConfigKeys.AWS_ACCESS_KEY_ID, ConfigKeys.AWS_SECRET_ACCESS_KEY);
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isEqualTo(Way.PROFILE);
        assertThat(viewModel.errorProperty(ConfigKeys.AWS_PROFILE).get()).startsWith("Profile is needed");
        assertThat(viewModel.validProperty().get()).isFalse();
        session.setting(ConfigKeys.AWS_PROFILE).set("migration");
        assertThat(viewModel.validProperty().get()).isTrue();

        viewModel.wayProperty(Side.SOURCE).set(Way.DEFAULT_CHAIN);
        assertThat(session.settings()).doesNotContainKey(ConfigKeys.AWS_PROFILE);
        assertThat(viewModel.validProperty().get()).isTrue();

        viewModel.wayProperty(Side.DESTINATION).set(Way.PROFILE);
        assertThat(session.settings())
                .doesNotContainKeys(ConfigKeys.ALIYUN_ACCESS_KEY_ID, ConfigKeys.ALIYUN_SECRET_ACCESS_KEY)
                .containsEntry(ConfigKeys.ALIYUN_PROFILE, "default");
        assertThat(viewModel.validProperty().get()).isTrue();

        viewModel.wayProperty(Side.DESTINATION).set(Way.KEYS);
        assertThat(session.settings()).doesNotContainKey(ConfigKeys.ALIYUN_PROFILE);
        assertThat(viewModel.errorProperty(ConfigKeys.ALIYUN_ACCESS_KEY_ID).get())
                .isEqualTo("AccessKey ID is needed to sign in this way: enter it, or choose another way to sign in.");
    }

    /** The settings of a project the command line made: credentials are never stored in the project file. */
    private void openProjectWithoutCredentials() {
        Map<String, String> settings = session.settings();
        ConfigKeys.SECRET_KEYS.forEach(settings::remove);
        session.replaceSettings(settings);
        viewModel = new ConnectionsViewModel(
                session,
                new ImmediateTaskRunner(),
                dialogs,
                new Messages(Locale.ENGLISH),
                new ConnectionProbe(Duration.ofSeconds(10)));
    }

    @Test
    void aProjectWithoutCredentialsSaysWhatIsMissingUntilKeysAreEntered() {
        openProjectWithoutCredentials();
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isNull();
        assertThat(viewModel.wayProperty(Side.DESTINATION).get()).isNull();
        assertThat(viewModel.credentialsProblemProperty(Side.SOURCE).get()).startsWith("No Glue credentials");
        assertThat(viewModel.credentialsProblemProperty(Side.DESTINATION).get())
                .isEqualTo("No DLF credentials: enter keys, name a profile or credentials file, or confirm the"
                        + " default chain.");
        assertThat(viewModel.attentionProperty().get()).contains("No Glue credentials", "No DLF credentials");
        // The other settings are fine: the user may still go on and browse, only runs wait.
        assertThat(viewModel.validProperty().get()).isTrue();

        viewModel.wayProperty(Side.DESTINATION).set(Way.KEYS);
        assertThat(viewModel.credentialsProblemProperty(Side.DESTINATION).get()).isNotEmpty();
        session.setting(ConfigKeys.ALIYUN_ACCESS_KEY_ID).set("LTAI" + "ENTERED000001");
        session.setting(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY).set("entered-secret");
        assertThat(viewModel.credentialsProblemProperty(Side.DESTINATION).get()).isEmpty();
        assertThat(viewModel.attentionProperty().get()).doesNotContain("DLF").contains("Glue");
    }

    @Test
    void confirmingTheDefaultChainIsAChoiceStoredInTheProject() {
        openProjectWithoutCredentials();
        viewModel.confirmDefaultChain(Side.SOURCE);
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isEqualTo(Way.DEFAULT_CHAIN);
        assertThat(session.settings()).containsEntry(ConfigKeys.AWS_DEFAULT_CHAIN, "true");
        assertThat(viewModel.credentialsProblemProperty(Side.SOURCE).get()).isEmpty();
        assertThat(viewModel.credentialsProblemProperty(Side.DESTINATION).get()).isNotEmpty();

        // Reopened, the choice holds; choosing another way withdraws it.
        var again = new ConnectionsViewModel(
                session, new ImmediateTaskRunner(), dialogs, new Messages(Locale.ENGLISH), new ConnectionProbe());
        assertThat(again.wayProperty(Side.SOURCE).get()).isEqualTo(Way.DEFAULT_CHAIN);
        assertThat(again.credentialsProblemProperty(Side.SOURCE).get()).isEmpty();
        again.wayProperty(Side.SOURCE).set(Way.PROFILE);
        assertThat(session.settings()).doesNotContainKey(ConfigKeys.AWS_DEFAULT_CHAIN);
        assertThat(again.credentialsProblemProperty(Side.SOURCE).get()).isNotEmpty();
    }

    @Test
    void aTestThatConnectsOnTheDefaultChainSettlesTheSide() {
        openProjectWithoutCredentials();
        // The AWS SDK's default chain finds keys in these system properties first (as on a machine with AWS_*
        // variables set).
        System.setProperty("aws.accessKeyId", "AKID" + "FROMTHECHAIN001");
        System.setProperty("aws.secretAccessKey", "chain-secret");
        try {
            viewModel.testConnection(Side.SOURCE);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(viewModel.test(Side.SOURCE).detailProperty().get()).isNotNull();
        assertThat(viewModel.test(Side.SOURCE).state()).isEqualTo(ConnectionTest.State.SUCCEEDED);
        assertThat(viewModel.credentialsProblemProperty(Side.SOURCE).get()).isEmpty();
        assertThat(session.settings()).containsEntry(ConfigKeys.AWS_DEFAULT_CHAIN, "true");
    }

    @Test
    void anImportThatSetsKeysSwitchesTheWayToSignIn() {
        viewModel.wayProperty(Side.SOURCE).set(Way.DEFAULT_CHAIN);
        Map<String, String> imported = session.settings();
        imported.put(ConfigKeys.AWS_ACCESS_KEY_ID, "AKID" + "IMPORTED0000001");
        imported.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, "imported-secret");
        session.replaceSettings(imported);
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isEqualTo(Way.KEYS);
    }

    @Test
    void bothSidesTestedOkMakeTheStepComplete() {
        dlf.store().clear();
        viewModel.testConnection(Side.SOURCE);
        ConnectionTest source = viewModel.test(Side.SOURCE);
        assertThat(source.state()).isEqualTo(ConnectionTest.State.SUCCEEDED);
        assertThat(source.messageProperty().get()).isEqualTo("Connected: " + sample.databases() + " databases");
        assertThat(source.detailProperty().get()).startsWith(glue.endpoint() + " answered in");
        assertThat(viewModel.completeProperty().get()).isFalse();

        viewModel.testConnection(Side.DESTINATION);
        assertThat(viewModel.test(Side.DESTINATION).messageProperty().get()).startsWith("Connected: no databases");
        assertThat(viewModel.completeProperty().get()).isTrue();

        // A changed setting of one side takes that side's answer back, and the step is no longer complete.
        session.setting(ConfigKeys.AWS_CATALOG_ID).set("210987654321");
        assertThat(source.state()).isEqualTo(ConnectionTest.State.NOT_TESTED);
        assertThat(source.messageProperty().get()).contains("changed since the last test");
        assertThat(viewModel.test(Side.DESTINATION).state()).isEqualTo(ConnectionTest.State.SUCCEEDED);
        assertThat(viewModel.completeProperty().get()).isFalse();
    }

    @Test
    void failuresAreNamedByKindWithTheCatalogsWordsBelow() {
        String secret = "wrong-" + "secret-value";
        glue.allowAccessKeys("AKID" + "SOMEONEELSE0001");
        try {
            session.setting(ConfigKeys.AWS_SECRET_ACCESS_KEY).set(secret);
            viewModel.testConnection(Side.SOURCE);
            ConnectionTest source = viewModel.test(Side.SOURCE);
            assertThat(source.state()).isEqualTo(ConnectionTest.State.FAILED);
            assertThat(source.messageProperty().get()).startsWith("Invalid credentials");
            assertThat(source.detailProperty().get()).contains("UnrecognizedClientException");
            assertThat(source.messageProperty().get() + source.detailProperty().get())
                    .doesNotContain(secret);
        } finally {
            glue.allowAccessKeys();
        }

        session.setting(ConfigKeys.ALIYUN_ENDPOINT).set("127.0.0.1:1");
        viewModel.testConnection(Side.DESTINATION);
        assertThat(viewModel.test(Side.DESTINATION).messageProperty().get()).startsWith("Endpoint unreachable");
        assertThat(viewModel.completeProperty().get()).isFalse();
        assertThat(dialogs.errors)
                .as("answers are shown on the page, not in dialogs")
                .isEmpty();
    }

    @Test
    void everyKindOfFailureAndChoiceHasWordsInEveryLanguage() {
        for (Locale locale : Messages.LOCALES) {
            Messages messages = new Messages(locale);
            for (ConnectionProbe.Problem problem : ConnectionProbe.Problem.values()) {
                assertThat(messages.has("connections.test.problem." + problem.name()))
                        .isTrue();
                assertThat(messages.has("connections.test.problem." + problem.name() + ".hint"))
                        .isTrue();
            }
            for (ConnectionTest.State state : ConnectionTest.State.values()) {
                assertThat(messages.has("connections.status." + state.name())).isTrue();
            }
            for (Way way : Way.values()) {
                assertThat(messages.has("connections.way." + way.name())).isTrue();
            }
        }
    }

    @Test
    void theCredentialsFileComesFromTheFileChooser() {
        viewModel.wayProperty(Side.DESTINATION).set(Way.PROFILE);
        Path file = Path.of("/home/someone/.aliyun/config.json");
        dialogs.fileAnswers.add(file);
        viewModel.chooseFile(viewModel.form(Side.DESTINATION).fields().stream()
                .filter(f -> f.key().equals(ConfigKeys.ALIYUN_CREDENTIALS_FILE))
                .findFirst()
                .orElseThrow());
        assertThat(session.setting(ConfigKeys.ALIYUN_CREDENTIALS_FILE).get()).isEqualTo(file.toString());
        assertThat(viewModel.credentialStorage()).isEqualTo("memory");
    }

    @Test
    void unlockingTheVaultMovesTheCredentialsIntoItAndAWrongPassphraseChangesNothing(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var vaultFile = dir.resolve("vault.json");
        try (var store = new dev.lakeport.app.session.SecureCredentialStore(vaultFile);
                ProjectSession withVault = new ProjectSession(store)) {
            Map<String, String> settings = SampleProject.settings(
                    glue.endpoint().toString(),
                    dlf.endpoint(),
                    dlf.catalogId(),
                    dir.resolve("r").toString());
            withVault.attach(withVault.read(dir.resolve("v.mv.db"), settings, false));
            var vm = new ConnectionsViewModel(
                    withVault, new ImmediateTaskRunner(), dialogs, new Messages(Locale.ENGLISH));
            assertThat(vm.vaultLockedProperty().get()).isTrue();
            assertThat(vm.credentialStorageProperty().get()).contains("locked");

            dialogs.passphraseAnswers.add("first passphrase");
            vm.unlockVault();
            assertThat(dialogs.errors).isEmpty();
            assertThat(vm.vaultLockedProperty().get()).isFalse();
            assertThat(vaultFile).exists();
            String secret = settings.get(dev.lakeport.config.ConfigKeys.AWS_SECRET_ACCESS_KEY);
            assertThat(new String(
                            java.nio.file.Files.readAllBytes(vaultFile), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(secret);
            assertThat(store.load(settings.getOrDefault(
                            dev.lakeport.config.ConfigKeys.PROJECT_ID,
                            withVault.settings().get(dev.lakeport.config.ConfigKeys.PROJECT_ID))))
                    .containsEntry(dev.lakeport.config.ConfigKeys.AWS_SECRET_ACCESS_KEY, secret);
        }
        try (var reopened = new dev.lakeport.app.session.SecureCredentialStore(vaultFile);
                ProjectSession again = new ProjectSession(reopened)) {
            again.attach(again.read(dir.resolve("v.mv.db"), Map.of(), false));
            var vm = new ConnectionsViewModel(again, new ImmediateTaskRunner(), dialogs, new Messages(Locale.ENGLISH));
            byte[] before = java.nio.file.Files.readAllBytes(vaultFile);
            dialogs.passphraseAnswers.add("not it");
            vm.unlockVault();
            assertThat(dialogs.errors).hasSize(1);
            assertThat(vm.vaultLockedProperty().get()).isTrue();
            assertThat(java.nio.file.Files.readAllBytes(vaultFile)).isEqualTo(before);
            assertThat(again.setting(dev.lakeport.config.ConfigKeys.AWS_SECRET_ACCESS_KEY)
                            .get())
                    .isEmpty();
            dialogs.passphraseAnswers.add("first passphrase");
            vm.unlockVault();
            assertThat(again.setting(dev.lakeport.config.ConfigKeys.AWS_SECRET_ACCESS_KEY)
                            .get())
                    .isNotEmpty();
        }
    }

    @Test
    void theKindsComeFromTheRegistryAndEachKindBringsItsOwnFields() {
        assertThat(viewModel.choices(Side.SOURCE).stream().map(CatalogConnector::displayName))
                .contains("AWS Glue Data Catalog", "Alibaba Cloud Data Lake Formation");
        assertThat(keys(Side.SOURCE)).contains(ConfigKeys.AWS_REGION).doesNotContain(ConfigKeys.ALIYUN_REGION);

        // DLF -> DLF: the destination's keys move under lakeport.destination., as the loader reads them.
        viewModel.kindProperty(Side.SOURCE).set("dlf");
        assertThat(session.settings()).containsEntry(ConfigKeys.SOURCE_TYPE, "dlf");
        assertThat(keys(Side.SOURCE)).contains(ConfigKeys.ALIYUN_REGION).doesNotContain(ConfigKeys.AWS_REGION);
        assertThat(keys(Side.DESTINATION)).contains(ConfigKeys.DESTINATION_PREFIX + ConfigKeys.ALIYUN_REGION);
        assertThat(viewModel.sourceValidProperty().get()).isTrue();
        assertThat(viewModel.wayProperty(Side.SOURCE).get()).isEqualTo(Way.KEYS);
        assertThat(viewModel
                        .errorProperty(ConfigKeys.DESTINATION_PREFIX + ConfigKeys.ALIYUN_REGION)
                        .get())
                .startsWith("missing");
        assertThat(viewModel.destinationValidProperty().get()).isFalse();
        assertThat(viewModel.problemProperty().get()).startsWith("Destination, Region: missing");

        // DLF -> Glue: the Glue keys the project holds are the destination's now, and they are fine.
        viewModel.kindProperty(Side.DESTINATION).set("glue");
        assertThat(keys(Side.DESTINATION)).contains(ConfigKeys.AWS_REGION);
        assertThat(viewModel.validProperty().get()).isTrue();
        assertThat(session.words().create()).isEqualTo("dlfNew");

        viewModel.testConnection(Side.SOURCE);
        assertThat(viewModel.test(Side.SOURCE).messageProperty().get()).startsWith("Connected");
    }

    @Test
    void aConnectorThePageHasNeverSeenGetsItsFormAndChecksFromItsDescription() {
        ConnectorRegistry registry = ConnectorRegistry.of(java.util.stream.Stream.concat(
                        ConnectorRegistry.standard().connectors().stream(), java.util.stream.Stream.of(new Tiny()))
                .toList());
        Map<String, String> settings = session.settings();
        settings.put(ConfigKeys.SOURCE_TYPE, "tiny");
        session.replaceSettings(settings);
        viewModel = new ConnectionsViewModel(
                session,
                new ImmediateTaskRunner(),
                dialogs,
                new Messages(Locale.ENGLISH),
                new ConnectionProbe(Duration.ofSeconds(10)),
                registry);

        assertThat(viewModel.displayName(viewModel.kindProperty(Side.SOURCE).get()))
                .isEqualTo("Tiny Catalog");
        assertThat(keys(Side.SOURCE)).containsExactly("tiny.uri", "tiny.password", "tiny.verbose");
        assertThat(viewModel.form(Side.SOURCE).ways()).containsExactly(Way.KEYS);
        assertThat(viewModel.errorProperty("tiny.uri").get()).isEqualTo("missing; set it to the server's URI");
        assertThat(viewModel.problemProperty().get())
                .isEqualTo("Source, Server URI: missing; set it to the server's URI");
        // Nothing to fall back on silently: no default chain, so nothing is missing about signing in.
        assertThat(viewModel.credentialsProblemProperty(Side.SOURCE).get()).isEmpty();

        session.setting("tiny.uri").set("tiny://server:1");
        assertThat(viewModel.errorProperty("tiny.uri").get()).isEmpty();
        session.setting("tiny.verbose").set("maybe");
        assertThat(viewModel.errorProperty("tiny.verbose").get()).contains("not a boolean");
        session.setting("tiny.verbose").set("true");
        assertThat(viewModel.validProperty().get()).isTrue();
    }

    private List<String> keys(Side side) {
        return viewModel.form(side).fields().stream()
                .map(ConnectionsViewModel.Field::key)
                .toList();
    }

    /** A catalog only this test knows: the page must build its form from the description alone. */
    private static final class Tiny implements CatalogConnector {
        @Override
        public String kind() {
            return "tiny";
        }

        @Override
        public String displayName() {
            return "Tiny Catalog";
        }

        @Override
        public String shortName() {
            return "Tiny";
        }

        @Override
        public java.util.Set<Capability> capabilities() {
            return java.util.EnumSet.of(Capability.READ);
        }

        @Override
        public List<SettingSpec> settings() {
            return List.of(
                    SettingSpec.text("tiny.uri", "Server URI", "Connection", "tiny://host:port")
                            .typed(SettingSpec.Type.URI)
                            .asRequired(),
                    SettingSpec.text("tiny.password", "Password", "Credentials", "the server's password")
                            .asSecret(),
                    SettingSpec.text("tiny.verbose", "Verbose", "Tuning", "log every call")
                            .typed(SettingSpec.Type.BOOLEAN)
                            .withDefault("false"));
        }

        @Override
        public List<SettingProblem> check(ConnectorSettings settings) {
            SettingsCheck check = SettingsCheck.of(settings);
            check.required("tiny.uri", "the server's URI");
            check.bool("tiny.verbose", false);
            return check.problems();
        }

        @Override
        public CatalogConnection open(ConnectorSettings settings, CallSettings calls) {
            throw new UnsupportedOperationException("a form-only catalog");
        }

        @Override
        public String describe(ConnectorSettings settings) {
            return "Tiny " + settings.get("tiny.uri").orElse("?");
        }
    }
}
