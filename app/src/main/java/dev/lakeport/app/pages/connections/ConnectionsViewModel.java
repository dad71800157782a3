package dev.lakeport.app.pages.connections;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialChoice;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.project.ConnectionProbe;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 2: where the catalogs are and how to sign in to them. Every field is a setting of the open project
 * ({@link ProjectSession#setting}); validation is the configuration loader's own, run on each change and shown under
 * the field it names, plus what the chosen way of signing in needs. "Test connection" counts a side's databases in the
 * background with the core {@link ConnectionProbe}.
 *
 * <p>The page is valid when both sides' settings are; it is complete when both sides answered a test with their
 * current settings, because the step list's check should mean "this connects", which only a test shows.
 *
 * <p>A side that does not say how it signs in (a project the command line made holds no credentials) is not silently
 * put on the default chain: the way of signing in stays unchosen, the page says what is missing, the step is marked
 * for attention, and runs stay off until the user enters keys, names a profile or credentials file, chooses the
 * default chain (a choice stored in the project) or a test connects.
 */
public final class ConnectionsViewModel extends AbstractPageViewModel {
    /** The catalogs Lakeport reads today. Hive Metastore, Databricks and MaxCompute sources come later. */
    public enum SourceType {
        GLUE
    }

    /** The catalogs Lakeport writes today. */
    public enum DestinationType {
        DLF
    }

    /** How Glue is signed in to. */
    public enum AwsCredentialMode {
        ACCESS_KEYS,
        PROFILE,
        DEFAULT_CHAIN
    }

    /** How DLF is signed in to. */
    public enum AliyunCredentialMode {
        ACCESS_KEYS,
        CREDENTIALS_FILE,
        DEFAULT_CHAIN
    }

    /** The source's settings, in the order the page shows them. */
    public static final List<String> SOURCE_KEYS = List.of(
            ConfigKeys.AWS_REGION,
            ConfigKeys.AWS_CATALOG_ID,
            ConfigKeys.AWS_ENDPOINT,
            ConfigKeys.AWS_ACCESS_KEY_ID,
            ConfigKeys.AWS_SECRET_ACCESS_KEY,
            ConfigKeys.AWS_SESSION_TOKEN,
            ConfigKeys.AWS_PROFILE);

    /** The destination's settings, in the order the page shows them. */
    public static final List<String> DESTINATION_KEYS = List.of(
            ConfigKeys.ALIYUN_REGION,
            ConfigKeys.ALIYUN_CATALOG_ID,
            ConfigKeys.ALIYUN_ENDPOINT,
            ConfigKeys.ALIYUN_PROTOCOL,
            ConfigKeys.ALIYUN_ACCESS_KEY_ID,
            ConfigKeys.ALIYUN_SECRET_ACCESS_KEY,
            ConfigKeys.ALIYUN_CREDENTIALS_FILE,
            ConfigKeys.ALIYUN_PROFILE);

    /**
     * Stand-ins for the settings the loader requires but a side's check does not concern: each side is checked (and
     * tested) on its own, so a half-filled destination never blocks testing the source, and other pages' settings
     * never make this page invalid.
     */
    private static final Map<String, String> NEUTRAL_SOURCE = Map.of(ConfigKeys.AWS_REGION, "us-east-1");

    private static final Map<String, String> NEUTRAL_DESTINATION =
            Map.of(ConfigKeys.ALIYUN_REGION, "cn-hangzhou", ConfigKeys.ALIYUN_ENDPOINT, "dlf.cn-hangzhou.aliyuncs.com");

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ConnectionProbe probe;
    private final ErrorMessages errorMessages;

    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final Map<String, ReadOnlyStringWrapper> warnings = new LinkedHashMap<>();
    private final ObjectProperty<SourceType> sourceType = new SimpleObjectProperty<>(SourceType.GLUE);
    private final ObjectProperty<DestinationType> destinationType = new SimpleObjectProperty<>(DestinationType.DLF);
    private final ObjectProperty<AwsCredentialMode> awsMode = new SimpleObjectProperty<>();
    private final ObjectProperty<AliyunCredentialMode> aliyunMode = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper sourceCredentials = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper destinationCredentials = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sourceValid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper destinationValid = new ReadOnlyBooleanWrapper();
    private final ConnectionTest sourceTest = new ConnectionTest(Side.SOURCE);
    private final ConnectionTest destinationTest = new ConnectionTest(Side.DESTINATION);
    private boolean switchingMode;
    private boolean clearing;

    private final ReadOnlyStringWrapper credentialStorage = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper vaultLocked =
            new javafx.beans.property.ReadOnlyBooleanWrapper();

    public ConnectionsViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        this(session, tasks, dialogs, messages, new ConnectionProbe());
    }

    public ConnectionsViewModel(
            ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages, ConnectionProbe probe) {
        super(Step.CONNECTIONS);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.probe = requireNonNull(probe, "probe is null");
        this.errorMessages = new ErrorMessages(messages);
        refreshCredentialStorage();
        for (String key : SOURCE_KEYS) {
            errors.put(key, new ReadOnlyStringWrapper(""));
            warnings.put(key, new ReadOnlyStringWrapper(""));
        }
        for (String key : DESTINATION_KEYS) {
            errors.put(key, new ReadOnlyStringWrapper(""));
            warnings.put(key, new ReadOnlyStringWrapper(""));
        }
        awsMode.addListener((obs, old, now) -> onAwsModeChosen(now));
        aliyunMode.addListener((obs, old, now) -> onAliyunModeChosen(now));
        session.settingsChangesProperty().addListener((obs, old, now) -> onSettingsChanged());
        session.projectFileProperty().addListener((obs, old, now) -> onProjectChanged());
        onProjectChanged();
    }

    // ---- fields --------------------------------------------------------------------------------------------

    /** The setting {@code key} of the open project, for a field to bind to. */
    public StringProperty setting(String key) {
        return session.setting(key);
    }

    /** Why the setting's value cannot be used, in words; empty when it can. */
    public ReadOnlyStringProperty errorProperty(String key) {
        return wrapper(errors, key).getReadOnlyProperty();
    }

    /** What the user should know although the value can be used (e.g. an endpoint in another region). */
    public ReadOnlyStringProperty warningProperty(String key) {
        return wrapper(warnings, key).getReadOnlyProperty();
    }

    public ObjectProperty<SourceType> sourceTypeProperty() {
        return sourceType;
    }

    public ObjectProperty<DestinationType> destinationTypeProperty() {
        return destinationType;
    }

    /**
     * What is missing for the side to sign in ("No DLF credentials: ..."); empty once keys, a profile or credentials
     * file, or the default chain are chosen.
     */
    public ReadOnlyStringProperty credentialsProblemProperty(Side side) {
        return (side == Side.SOURCE ? sourceCredentials : destinationCredentials).getReadOnlyProperty();
    }

    /** The user chooses the side's default credential chain; the choice is stored in the project. */
    public void confirmDefaultChain(Side side) {
        if (side == Side.SOURCE) {
            awsMode.set(AwsCredentialMode.DEFAULT_CHAIN);
        } else {
            aliyunMode.set(AliyunCredentialMode.DEFAULT_CHAIN);
        }
    }

    /**
     * Choosing a way of signing in clears the settings of the other ways, so no stale key is left behind. Null while
     * the project does not say how the side signs in.
     */
    public ObjectProperty<AwsCredentialMode> awsModeProperty() {
        return awsMode;
    }

    public ObjectProperty<AliyunCredentialMode> aliyunModeProperty() {
        return aliyunMode;
    }

    public ReadOnlyBooleanProperty sourceValidProperty() {
        return sourceValid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty destinationValidProperty() {
        return destinationValid.getReadOnlyProperty();
    }

    public ConnectionTest test(Side side) {
        return side == Side.SOURCE ? sourceTest : destinationTest;
    }

    /** Where credentials are kept between sessions, in words. */
    public String credentialStorage() {
        return session.credentials().describe();
    }

    public ReadOnlyStringProperty credentialStorageProperty() {
        return credentialStorage.getReadOnlyProperty();
    }

    /** True while credentials wait in memory for the vault's passphrase. */
    public ReadOnlyBooleanProperty vaultLockedProperty() {
        return vaultLocked.getReadOnlyProperty();
    }

    /**
     * Asks for the vault's passphrase (twice when the vault is new), opens or creates it in the background and
     * writes the project's credentials into it. A wrong passphrase changes nothing and says so.
     */
    public void unlockVault() {
        CredentialStore store = session.credentials();
        boolean create = !store.vaultExists();
        String title = messages.get("connections.vault.title");
        dialogs.promptPassphrase(
                        title, messages.get(create ? "connections.vault.create" : "connections.vault.open"), create)
                .ifPresent(passphrase -> tasks.task(title, scope -> {
                            store.unlock(passphrase);
                            String projectId = session.settings().get(ConfigKeys.PROJECT_ID);
                            return projectId == null ? Map.<String, String>of() : store.load(projectId);
                        })
                        .onSuccess(stored -> {
                            // What the vault held fills the fields left empty; what the user typed wins.
                            stored.forEach((key, value) -> {
                                if (session.setting(key).get().isEmpty()) {
                                    session.setting(key).set(value);
                                }
                            });
                            if (session.openProperty().get()) {
                                tasks.task(title, scope -> {
                                            session.save();
                                            return null;
                                        })
                                        .onFailure(e -> dialogs.showError(errorMessages.describe(title, e)))
                                        .start();
                            }
                            dialogs.notify(messages.get("connections.vault.unlocked"));
                        })
                        .onFailure(e -> dialogs.showError(errorMessages.describe(title, e)))
                        .onFinished(this::refreshCredentialStorage)
                        .start());
    }

    @Override
    public void onEnter() {
        refreshCredentialStorage();
    }

    /** Re-reads where credentials go (the keyring probe may have finished since). */
    public void refreshCredentialStorage() {
        credentialStorage.set(session.credentials().describe());
        vaultLocked.set(session.credentials().isLocked());
    }

    /** Asks for an Aliyun credentials file (the CLI's config.json or a credentials.ini) and sets it. */
    public void chooseAliyunCredentialsFile() {
        List<FileFilter> filters = List.of(
                FileFilter.of(messages.get("connections.aliyun.file.filter"), "*.json", "*.ini", "credentials"),
                FileFilter.of(messages.get("connections.aliyun.file.filter.all"), "*"));
        String current = setting(ConfigKeys.ALIYUN_CREDENTIALS_FILE).get();
        Optional<Path> folder = Optional.empty();
        if (!current.isBlank()) {
            try {
                folder = Optional.ofNullable(Path.of(current).toAbsolutePath().getParent());
            } catch (RuntimeException e) {
                folder = Optional.empty();
            }
        }
        dialogs.chooseFileToOpen(messages.get("connections.aliyun.file.choose"), filters, folder)
                .ifPresent(file -> setting(ConfigKeys.ALIYUN_CREDENTIALS_FILE)
                        .set(file.toAbsolutePath().toString()));
    }

    // ---- test connection -----------------------------------------------------------------------------------

    /** Counts the side's databases in the background; the answer appears in {@link #test(Side)}. */
    public void testConnection(Side side) {
        ConnectionTest test = test(side);
        if (test.state() == ConnectionTest.State.RUNNING) {
            return;
        }
        Map<String, String> settings = sideSettings(side);
        MigrationConfig config;
        try {
            config = MigrationConfigLoader.fromMap(withNeutralOtherSide(side, settings), session.displayName())
                    .config();
        } catch (ConfigException e) {
            test.start(settings, "", null);
            test.finish(
                    ConnectionTest.State.FAILED,
                    messages.get("connections.test.invalid"),
                    e.problems().stream()
                            .map(ConfigProblem::toString)
                            .reduce((a, b) -> a + "\n" + b)
                            .orElse(""));
            return;
        }
        String title = messages.get(
                side == Side.SOURCE ? "connections.test.task.source" : "connections.test.task.destination");
        test.start(settings, messages.get("connections.test.running"), null);
        TaskInfo info = tasks.task(title, scope -> probe.probe(config, side, scope.cancellation()))
                .onSuccess(result -> {
                    if (isCurrent(test, settings)) {
                        if (!CredentialChoice.isSettled(side, session.settings())) {
                            // It connected on the default chain: that settles how this side signs in.
                            confirmDefaultChain(side);
                        }
                        test.finish(
                                ConnectionTest.State.SUCCEEDED,
                                messages.get("connections.test.connected", result.databases()),
                                messages.get(
                                        "connections.test.connected.detail",
                                        result.endpoint(),
                                        result.elapsed().toMillis() / 1000.0));
                    }
                })
                .onFailure(error -> {
                    if (isCurrent(test, settings)) {
                        fail(test, title, error);
                    }
                })
                .onCancelled(() -> {
                    if (isCurrent(test, settings)) {
                        test.finish(ConnectionTest.State.NOT_TESTED, messages.get("connections.test.cancelled"), "");
                    }
                })
                .onFinished(this::updateComplete)
                .start();
        if (test.state() == ConnectionTest.State.RUNNING) {
            test.running(info);
        }
        updateComplete();
    }

    /** Stops a running test of the side. */
    public void cancelTest(Side side) {
        test(side).cancel();
    }

    private boolean isCurrent(ConnectionTest test, Map<String, String> settings) {
        return test.state() == ConnectionTest.State.RUNNING
                && test.testedSettings().equals(settings);
    }

    private void fail(ConnectionTest test, String title, Throwable error) {
        Throwable e = ErrorMessages.unwrap(error);
        if (e instanceof ConnectorException ce) {
            ConnectionProbe.Problem problem = ConnectionProbe.Problem.of(ce);
            test.finish(
                    ConnectionTest.State.FAILED,
                    messages.get("connections.test.problem." + problem.name()),
                    messages.get("connections.test.problem." + problem.name() + ".hint") + "\n" + ce.summary());
            return;
        }
        var described = errorMessages.describe(title, error);
        test.finish(ConnectionTest.State.FAILED, described.text(), described.hint());
    }

    // ---- validation ----------------------------------------------------------------------------------------

    private void onProjectChanged() {
        sourceTest.reset("");
        destinationTest.reset("");
        switchingMode = true;
        try {
            awsMode.set(derivedAwsMode()
                    .or(() -> CredentialChoice.defaultChainChosen(Side.SOURCE, session.settings())
                            ? Optional.of(AwsCredentialMode.DEFAULT_CHAIN)
                            : Optional.empty())
                    .orElse(null));
            aliyunMode.set(derivedAliyunMode()
                    .or(() -> CredentialChoice.defaultChainChosen(Side.DESTINATION, session.settings())
                            ? Optional.of(AliyunCredentialMode.DEFAULT_CHAIN)
                            : Optional.empty())
                    .orElse(null));
        } finally {
            switchingMode = false;
        }
        validate();
    }

    private void onSettingsChanged() {
        if (clearing) {
            return;
        }
        // An import may set credentials of another way of signing in: follow it.
        switchingMode = true;
        try {
            derivedAwsMode().ifPresent(awsMode::set);
            derivedAliyunMode().ifPresent(aliyunMode::set);
        } finally {
            switchingMode = false;
        }
        resetStaleTests();
        validate();
    }

    /** A test answered for the settings it ran with; once they change, it no longer counts. */
    private void resetStaleTests() {
        for (Side side : Side.values()) {
            ConnectionTest test = test(side);
            if (test.state() != ConnectionTest.State.NOT_TESTED
                    && !test.testedSettings().equals(sideSettings(side))) {
                test.reset(messages.get("connections.test.stale"));
            }
        }
    }

    /** The way of signing in the settings say, when they say one (keys win over a profile, as in the loader). */
    private Optional<AwsCredentialMode> derivedAwsMode() {
        if (isSet(ConfigKeys.AWS_ACCESS_KEY_ID) || isSet(ConfigKeys.AWS_SECRET_ACCESS_KEY)) {
            return Optional.of(AwsCredentialMode.ACCESS_KEYS);
        }
        if (isSet(ConfigKeys.AWS_PROFILE)) {
            return Optional.of(AwsCredentialMode.PROFILE);
        }
        return Optional.empty();
    }

    private Optional<AliyunCredentialMode> derivedAliyunMode() {
        if (isSet(ConfigKeys.ALIYUN_ACCESS_KEY_ID) || isSet(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY)) {
            return Optional.of(AliyunCredentialMode.ACCESS_KEYS);
        }
        if (isSet(ConfigKeys.ALIYUN_CREDENTIALS_FILE) || isSet(ConfigKeys.ALIYUN_PROFILE)) {
            return Optional.of(AliyunCredentialMode.CREDENTIALS_FILE);
        }
        return Optional.empty();
    }

    private void onAwsModeChosen(AwsCredentialMode mode) {
        if (!switchingMode && mode != null) {
            if (mode != AwsCredentialMode.ACCESS_KEYS) {
                clear(ConfigKeys.AWS_ACCESS_KEY_ID, ConfigKeys.AWS_SECRET_ACCESS_KEY, ConfigKeys.AWS_SESSION_TOKEN);
            }
            if (mode != AwsCredentialMode.PROFILE) {
                clear(ConfigKeys.AWS_PROFILE);
            }
            recordDefaultChain(Side.SOURCE, mode == AwsCredentialMode.DEFAULT_CHAIN);
        }
        resetStaleTests();
        validate();
    }

    private void onAliyunModeChosen(AliyunCredentialMode mode) {
        if (!switchingMode && mode != null) {
            if (mode != AliyunCredentialMode.ACCESS_KEYS) {
                clear(ConfigKeys.ALIYUN_ACCESS_KEY_ID, ConfigKeys.ALIYUN_SECRET_ACCESS_KEY);
            }
            if (mode != AliyunCredentialMode.CREDENTIALS_FILE) {
                clear(ConfigKeys.ALIYUN_CREDENTIALS_FILE, ConfigKeys.ALIYUN_PROFILE);
            } else if (!isSet(ConfigKeys.ALIYUN_PROFILE)) {
                clearing = true;
                try {
                    setting(ConfigKeys.ALIYUN_PROFILE).set(ConfigKeys.DEFAULT_ALIYUN_PROFILE);
                } finally {
                    clearing = false;
                }
            }
            recordDefaultChain(Side.DESTINATION, mode == AliyunCredentialMode.DEFAULT_CHAIN);
        }
        resetStaleTests();
        validate();
    }

    /** Stores (or withdraws) the user's choice of the side's default chain in the project's settings. */
    private void recordDefaultChain(Side side, boolean chosen) {
        clearing = true;
        try {
            setting(CredentialChoice.defaultChainKey(side)).set(chosen ? "true" : "");
        } finally {
            clearing = false;
        }
    }

    private void clear(String... keys) {
        clearing = true;
        try {
            for (String key : keys) {
                setting(key).set("");
            }
        } finally {
            clearing = false;
        }
    }

    /** Runs the loader over each side on its own and puts each problem under the field it names. */
    private void validate() {
        Map<String, String> found = new TreeMap<>();
        Map<String, String> cautions = new TreeMap<>();
        for (Side side : Side.values()) {
            Map<String, String> settings = withNeutralOtherSide(side, sideSettings(side));
            try {
                MigrationConfigLoader.fromMap(settings, session.displayName())
                        .warnings()
                        .forEach(w -> cautions.putIfAbsent(w.key(), w.problem()));
            } catch (ConfigException e) {
                e.problems().forEach(p -> found.putIfAbsent(p.key(), p.problem()));
            } catch (RuntimeException e) {
                // The loader checks everything it reads; anything else is a defect, but must not break the page.
                found.putIfAbsent(
                        side == Side.SOURCE ? ConfigKeys.AWS_REGION : ConfigKeys.ALIYUN_REGION, String.valueOf(e));
            }
        }
        requireForMode(found);
        Map<String, String> all = session.settings();
        sourceCredentials.set(
                CredentialChoice.isSettled(Side.SOURCE, all)
                        ? ""
                        : messages.get("connections.credentials.missing.source"));
        destinationCredentials.set(
                CredentialChoice.isSettled(Side.DESTINATION, all)
                        ? ""
                        : messages.get("connections.credentials.missing.destination"));
        setAttention(String.join(
                "\n",
                java.util.stream.Stream.of(sourceCredentials.get(), destinationCredentials.get())
                        .filter(t -> !t.isEmpty())
                        .toList()));
        errors.forEach((key, wrapper) -> wrapper.set(found.getOrDefault(key, "")));
        warnings.forEach((key, wrapper) -> wrapper.set(found.containsKey(key) ? "" : cautions.getOrDefault(key, "")));
        sourceValid.set(SOURCE_KEYS.stream().noneMatch(found::containsKey));
        destinationValid.set(DESTINATION_KEYS.stream().noneMatch(found::containsKey));
        Optional<String> first = firstProblem(found);
        if (first.isPresent()) {
            setInvalid(first.get());
        } else {
            setValid();
        }
        updateComplete();
    }

    /** What the chosen way of signing in needs that the loader does not ask for (it falls back to the chain). */
    private void requireForMode(Map<String, String> found) {
        if (awsMode.get() == AwsCredentialMode.ACCESS_KEYS) {
            if (!isSet(ConfigKeys.AWS_ACCESS_KEY_ID)) {
                found.putIfAbsent(ConfigKeys.AWS_ACCESS_KEY_ID, messages.get("connections.error.keyId"));
            }
            if (!isSet(ConfigKeys.AWS_SECRET_ACCESS_KEY)) {
                found.putIfAbsent(ConfigKeys.AWS_SECRET_ACCESS_KEY, messages.get("connections.error.secret"));
            }
        } else if (awsMode.get() == AwsCredentialMode.PROFILE && !isSet(ConfigKeys.AWS_PROFILE)) {
            found.putIfAbsent(ConfigKeys.AWS_PROFILE, messages.get("connections.error.awsProfile"));
        }
        if (aliyunMode.get() == AliyunCredentialMode.ACCESS_KEYS) {
            if (!isSet(ConfigKeys.ALIYUN_ACCESS_KEY_ID)) {
                found.putIfAbsent(ConfigKeys.ALIYUN_ACCESS_KEY_ID, messages.get("connections.error.keyId"));
            }
            if (!isSet(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY)) {
                found.putIfAbsent(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY, messages.get("connections.error.secret"));
            }
        } else if (aliyunMode.get() == AliyunCredentialMode.CREDENTIALS_FILE
                && !isSet(ConfigKeys.ALIYUN_CREDENTIALS_FILE)
                && !isSet(ConfigKeys.ALIYUN_PROFILE)) {
            found.putIfAbsent(ConfigKeys.ALIYUN_PROFILE, messages.get("connections.error.aliyunProfile"));
        }
    }

    private Optional<String> firstProblem(Map<String, String> found) {
        for (List<String> keys : List.of(SOURCE_KEYS, DESTINATION_KEYS)) {
            for (String key : keys) {
                if (found.containsKey(key)) {
                    String side = messages.get(
                            keys == SOURCE_KEYS ? "connections.source.title" : "connections.destination.title");
                    return Optional.of(messages.get(
                            "connections.problem", side, messages.get(fieldLabelKey(key)), shorten(found.get(key))));
                }
            }
        }
        return Optional.empty();
    }

    /** The footer has one line beside Back and Next; the whole text stays under the field. */
    static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= MAX_PROBLEM ? line : line.substring(0, MAX_PROBLEM - 1) + "…";
    }

    /** Characters of a field's problem repeated beside Next. */
    static final int MAX_PROBLEM = 90;

    /** The bundle key of a setting's field label. */
    public static String fieldLabelKey(String settingKey) {
        return "connections.field." + settingKey;
    }

    private void updateComplete() {
        setComplete(sourceTest.state() == ConnectionTest.State.SUCCEEDED
                && destinationTest.state() == ConnectionTest.State.SUCCEEDED);
    }

    private Map<String, String> sideSettings(Side side) {
        Map<String, String> all = session.settings();
        Map<String, String> out = new TreeMap<>();
        for (String key : side == Side.SOURCE ? SOURCE_KEYS : DESTINATION_KEYS) {
            String value = all.get(key);
            if (value != null && !value.isBlank()) {
                out.put(key, value);
            }
        }
        return out;
    }

    private static Map<String, String> withNeutralOtherSide(Side side, Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>(settings);
        out.putAll(side == Side.SOURCE ? NEUTRAL_DESTINATION : NEUTRAL_SOURCE);
        out.put(ConfigKeys.LOCATION_CONVERT_MAP, "{}");
        return out;
    }

    private boolean isSet(String key) {
        return !setting(key).get().isBlank();
    }

    private static ReadOnlyStringWrapper wrapper(Map<String, ReadOnlyStringWrapper> map, String key) {
        ReadOnlyStringWrapper w = map.get(key);
        if (w == null) {
            throw new IllegalArgumentException("not a setting of the Connections page: " + key);
        }
        return w;
    }
}
