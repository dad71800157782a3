package dev.lakeport.app.pages.connections;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialChoice;
import dev.lakeport.app.session.CredentialChoice.Way;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.SideConnector;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.pipeline.ConnectionProbe;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 2: where the catalogs are and how to sign in to them, generated from the {@link ConnectorRegistry}. Each side
 * has a kind (a connector that can read for the source, write for the destination) and that connector's settings as
 * fields; every field is a setting of the open project ({@link ProjectSession#setting}), checked on each change by the
 * connector's own {@link CatalogConnector#check} and shown under the field it names, plus what the chosen way of
 * signing in needs ({@link CredentialChoice}). "Test connection" counts a side's databases in the background with the
 * core {@link ConnectionProbe}.
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

    /** One field of a side's form: a setting of the side's connector, under the key the project stores it by. */
    public record Field(Side side, String key, SettingSpec spec, Optional<Way> way) {
        public Field {
            requireNonNull(side, "side is null");
            requireNonNull(key, "key is null");
            requireNonNull(spec, "spec is null");
            requireNonNull(way, "way is null");
        }
    }

    /** What one side's form shows: its connector (absent for a kind nobody registers) and its fields in order. */
    public record Form(SideConnector connector, List<Field> fields, List<Way> ways) {
        public Form {
            requireNonNull(connector, "connector is null");
            fields = List.copyOf(fields);
            ways = List.copyOf(ways);
        }

        /** The keys whose problems make the side invalid: the kind and every field. */
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            keys.add(SideConnector.typeKey(connector.side()));
            fields.forEach(f -> keys.add(f.key()));
            return keys;
        }
    }

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ConnectionProbe probe;
    private final ConnectorRegistry registry;
    private final ErrorMessages errorMessages;

    private final Map<String, ReadOnlyStringWrapper> errors = new HashMap<>();
    private final Map<String, ReadOnlyStringWrapper> warnings = new HashMap<>();
    /** The last check's errors and warnings by key, for fields whose properties are asked for later. */
    private Map<String, String> found = Map.of();

    private Map<String, String> cautioned = Map.of();
    private final Map<Side, ReadOnlyObjectWrapper<Form>> forms = new EnumMap<>(Side.class);
    private final Map<Side, ObjectProperty<String>> kinds = new EnumMap<>(Side.class);
    private final Map<Side, ObjectProperty<Way>> ways = new EnumMap<>(Side.class);
    private final Map<Side, ReadOnlyStringWrapper> credentialProblems = new EnumMap<>(Side.class);
    private final Map<Side, ReadOnlyBooleanWrapper> sideValid = new EnumMap<>(Side.class);
    private final ConnectionTest sourceTest = new ConnectionTest(Side.SOURCE);
    private final ConnectionTest destinationTest = new ConnectionTest(Side.DESTINATION);
    private boolean switching;
    private boolean clearing;

    private final ReadOnlyStringWrapper credentialStorage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper vaultLocked = new ReadOnlyBooleanWrapper();

    public ConnectionsViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        this(session, tasks, dialogs, messages, new ConnectionProbe());
    }

    public ConnectionsViewModel(
            ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages, ConnectionProbe probe) {
        this(session, tasks, dialogs, messages, probe, ConnectorRegistry.standard());
    }

    public ConnectionsViewModel(
            ProjectSession session,
            TaskRunner tasks,
            DialogService dialogs,
            Messages messages,
            ConnectionProbe probe,
            ConnectorRegistry registry) {
        super(Step.CONNECTIONS);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.probe = requireNonNull(probe, "probe is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.errorMessages = new ErrorMessages(messages);
        refreshCredentialStorage();
        for (Side side : Side.values()) {
            forms.put(side, new ReadOnlyObjectWrapper<>(formOf(side, session.settings())));
            ObjectProperty<String> kind =
                    new SimpleObjectProperty<>(forms.get(side).get().connector().kind());
            kind.addListener((obs, old, now) -> onKindChosen(side, now));
            kinds.put(side, kind);
            ObjectProperty<Way> way = new SimpleObjectProperty<>();
            way.addListener((obs, old, now) -> onWayChosen(side, now));
            ways.put(side, way);
            credentialProblems.put(side, new ReadOnlyStringWrapper(""));
            sideValid.put(side, new ReadOnlyBooleanWrapper());
        }
        session.settingsChangesProperty().addListener((obs, old, now) -> onSettingsChanged());
        session.projectFileProperty().addListener((obs, old, now) -> onProjectChanged());
        onProjectChanged();
    }

    // ---- the sides' kinds and forms ------------------------------------------------------------------------

    /** The connectors a side may be: those that read for the source, those that write for the destination. */
    public List<CatalogConnector> choices(Side side) {
        Capability needed = side == Side.SOURCE ? Capability.READ : Capability.WRITE;
        return registry.connectors().stream().filter(c -> c.can(needed)).toList();
    }

    /** The system's name for people, e.g. "AWS Glue Data Catalog"; the kind itself when nobody registers it. */
    public String displayName(String kind) {
        return kind == null
                ? ""
                : registry.find(kind).map(CatalogConnector::displayName).orElse(kind);
    }

    /** The side's kind; choosing one stores it as {@code lakeport.source.type} / {@code lakeport.destination.type}. */
    public ObjectProperty<String> kindProperty(Side side) {
        return kinds.get(side);
    }

    /** The side's form; replaced when a kind changes. */
    public ReadOnlyObjectProperty<Form> formProperty(Side side) {
        return forms.get(side).getReadOnlyProperty();
    }

    public Form form(Side side) {
        return forms.get(side).get();
    }

    private Form formOf(Side side, Map<String, String> settings) {
        SideConnector connector = SideConnector.of(side, settings, registry);
        List<Field> fields = new ArrayList<>();
        List<Way> offered = new ArrayList<>();
        connector.connector().ifPresent(c -> {
            for (SettingSpec spec : c.settings()) {
                fields.add(new Field(side, connector.key(spec), spec, CredentialChoice.way(spec)));
            }
            offered.addAll(CredentialChoice.ways(c));
        });
        return new Form(connector, fields, offered);
    }

    /** The bundle's label for a setting when it has one (translated), else the connector's own. */
    public String label(Field field) {
        String key = "connections.field." + field.spec().key();
        return messages.has(key) ? messages.get(key) : field.spec().label();
    }

    /**
     * What a field shows while empty: the bundle's prompt for the setting, else the connector's help with the default
     * that an empty field stands for.
     */
    public String prompt(Field field) {
        String key = "connections.prompt." + field.spec().key();
        if (messages.has(key)) {
            return messages.get(key);
        }
        return field.spec()
                .defaultValue()
                .map(d ->
                        messages.get("connections.prompt.default", field.spec().help(), d))
                .orElse(field.spec().help());
    }

    /** A settings group's heading: the bundle's words when it has them, else the connector's group name. */
    public String groupTitle(String group) {
        String key = "connections.group." + group;
        return messages.has(key) ? messages.get(key) : group;
    }

    /** How a way of signing in is named on the side: the profile way by its first setting (Profile, Credentials file). */
    public String wayName(Side side, Way way) {
        if (way == Way.PROFILE) {
            return form(side).fields().stream()
                    .filter(f -> f.way().orElse(null) == Way.PROFILE)
                    .findFirst()
                    .map(this::label)
                    .orElse(messages.get("connections.way.PROFILE"));
        }
        return messages.get("connections.way." + way.name());
    }

    // ---- fields --------------------------------------------------------------------------------------------

    /** The setting {@code key} of the open project, for a field to bind to. */
    public StringProperty setting(String key) {
        return session.setting(key);
    }

    /** Why the setting's value cannot be used, in words; empty when it can. */
    public ReadOnlyStringProperty errorProperty(String key) {
        return errors.computeIfAbsent(key, k -> new ReadOnlyStringWrapper(found.getOrDefault(k, "")))
                .getReadOnlyProperty();
    }

    /** What the user should know although the value can be used (e.g. an endpoint in another region). */
    public ReadOnlyStringProperty warningProperty(String key) {
        return warnings.computeIfAbsent(key, k -> new ReadOnlyStringWrapper(cautioned.getOrDefault(k, "")))
                .getReadOnlyProperty();
    }

    /**
     * What is missing for the side to sign in ("No DLF credentials: ..."); empty once keys, a profile or credentials
     * file, or the default chain are chosen.
     */
    public ReadOnlyStringProperty credentialsProblemProperty(Side side) {
        return credentialProblems.get(side).getReadOnlyProperty();
    }

    /** The user chooses the side's default credential chain; the choice is stored in the project. */
    public void confirmDefaultChain(Side side) {
        if (form(side).ways().contains(Way.DEFAULT_CHAIN)) {
            ways.get(side).set(Way.DEFAULT_CHAIN);
        }
    }

    /**
     * How the side signs in. Choosing a way clears the settings of the other ways, so no stale key is left behind.
     * Null while the project does not say how the side signs in.
     */
    public ObjectProperty<Way> wayProperty(Side side) {
        return ways.get(side);
    }

    public ReadOnlyBooleanProperty sourceValidProperty() {
        return sideValid.get(Side.SOURCE).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty destinationValidProperty() {
        return sideValid.get(Side.DESTINATION).getReadOnlyProperty();
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

    /** Asks for a file for a path setting (e.g. a credentials file), starting in the folder of the current one. */
    public void chooseFile(Field field) {
        List<FileFilter> filters = List.of(FileFilter.of(messages.get("connections.file.filter.all"), "*"));
        String current = setting(field.key()).get();
        Optional<Path> folder = Optional.empty();
        if (!current.isBlank()) {
            try {
                folder = Optional.ofNullable(Path.of(current).toAbsolutePath().getParent());
            } catch (RuntimeException e) {
                folder = Optional.empty();
            }
        }
        dialogs.chooseFileToOpen(messages.get("connections.file.choose", label(field)), filters, folder)
                .ifPresent(
                        file -> setting(field.key()).set(file.toAbsolutePath().toString()));
    }

    // ---- test connection -----------------------------------------------------------------------------------

    /** Counts the side's databases in the background; the answer appears in {@link #test(Side)}. */
    public void testConnection(Side side) {
        ConnectionTest test = test(side);
        if (test.state() == ConnectionTest.State.RUNNING) {
            return;
        }
        Map<String, String> settings = sideSettings(side);
        Map<String, String> all = session.settings();
        SideConnector which = form(side).connector();
        List<String> refused = new ArrayList<>();
        if (which.connector().isEmpty()) {
            refused.add(SideConnector.typeKey(side) + ": " + unknownKind(which.kind()));
        } else {
            which.connector().get().check(which.settings(all)).stream()
                    .filter(SettingProblem::error)
                    .forEach(p -> refused.add(which.prefix() + p));
        }
        if (!refused.isEmpty()) {
            test.start(settings, "", null);
            test.finish(
                    ConnectionTest.State.FAILED, messages.get("connections.test.invalid"), String.join("\n", refused));
            return;
        }
        MigrationConfig config = probeConfig(side, which, all);
        String title = messages.get(
                side == Side.SOURCE ? "connections.test.task.source" : "connections.test.task.destination");
        test.start(settings, messages.get("connections.test.running"), null);
        TaskInfo info = tasks.task(title, scope -> probe.probe(config, side, scope.cancellation()))
                .onSuccess(result -> {
                    if (isCurrent(test, settings)) {
                        if (!CredentialChoice.isSettled(form(side).connector(), session.settings())) {
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

    /**
     * A configuration that holds the tested side as the project says it and nothing of the other, which a test does
     * not concern: a half-filled destination never blocks testing the source.
     */
    private static MigrationConfig probeConfig(Side side, SideConnector which, Map<String, String> all) {
        MigrationConfig.Side tested = new MigrationConfig.Side(which.kind(), which.settings(all));
        Side otherSide = side == Side.SOURCE ? Side.DESTINATION : Side.SOURCE;
        MigrationConfig.Side other =
                new MigrationConfig.Side(SideConnector.kind(otherSide, all), ConnectorSettings.empty());
        return side == Side.SOURCE ? MigrationConfig.of(tested, other) : MigrationConfig.of(other, tested);
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
        refreshForms();
        switching = true;
        try {
            for (Side side : Side.values()) {
                ways.get(side)
                        .set(CredentialChoice.derived(form(side).connector(), session.settings())
                                .orElse(null));
            }
        } finally {
            switching = false;
        }
        validate();
    }

    private void onSettingsChanged() {
        if (clearing) {
            return;
        }
        java.util.Set<Side> rebuilt = refreshForms();
        // An import may set credentials of another way of signing in: follow it. Another kind starts from what its
        // own settings say.
        switching = true;
        try {
            for (Side side : Side.values()) {
                Optional<Way> derived = CredentialChoice.derived(form(side).connector(), session.settings());
                if (derived.isPresent()) {
                    ways.get(side).set(derived.get());
                } else if (rebuilt.contains(side)) {
                    ways.get(side).set(null);
                }
            }
        } finally {
            switching = false;
        }
        resetStaleTests();
        validate();
    }

    /**
     * Rebuilds a side's form when the settings now name another kind (or move its keys under a prefix).
     *
     * @return the sides whose form changed
     */
    private java.util.Set<Side> refreshForms() {
        Map<String, String> all = session.settings();
        java.util.Set<Side> rebuilt = java.util.EnumSet.noneOf(Side.class);
        switching = true;
        try {
            for (Side side : Side.values()) {
                Form now = formOf(side, all);
                if (!now.connector().equals(form(side).connector())) {
                    forms.get(side).set(now);
                    rebuilt.add(side);
                }
                kinds.get(side).set(now.connector().kind());
            }
        } finally {
            switching = false;
        }
        return rebuilt;
    }

    private void onKindChosen(Side side, String kind) {
        if (switching || kind == null || kind.equals(form(side).connector().kind())) {
            return;
        }
        setting(SideConnector.typeKey(side)).set(kind);
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

    private void onWayChosen(Side side, Way way) {
        if (!switching && way != null) {
            Form form = form(side);
            clearing = true;
            try {
                for (Field field : form.fields()) {
                    Way of = field.way().orElse(null);
                    if (of == null || of == Way.DEFAULT_CHAIN) {
                        continue;
                    }
                    if (of != way) {
                        setting(field.key()).set("");
                    } else if (!isSet(field.key())
                            && field.spec().defaultValue().isPresent()) {
                        // e.g. a credentials file's profile: "default" unless the user says otherwise
                        setting(field.key()).set(field.spec().defaultValue().get());
                    }
                }
                CredentialChoice.defaultChainKey(form.connector())
                        .ifPresent(key -> setting(key).set(way == Way.DEFAULT_CHAIN ? "true" : ""));
            } finally {
                clearing = false;
            }
        }
        resetStaleTests();
        validate();
    }

    /** Checks each side with its connector and puts each problem under the field it names. */
    private void validate() {
        Map<String, String> all = session.settings();
        Map<String, String> found = new TreeMap<>();
        Map<String, String> cautions = new TreeMap<>();
        for (Side side : Side.values()) {
            SideConnector which = form(side).connector();
            if (which.connector().isEmpty()) {
                found.put(SideConnector.typeKey(side), unknownKind(which.kind()));
                continue;
            }
            try {
                for (SettingProblem p : which.connector().get().check(which.settings(all))) {
                    (p.error() ? found : cautions).putIfAbsent(which.prefix() + p.key(), p.message());
                }
            } catch (RuntimeException e) {
                // A connector checks everything it reads; anything else is a defect, but must not break the page.
                found.putIfAbsent(SideConnector.typeKey(side), String.valueOf(e));
            }
            requireForWay(side, found);
        }
        List<String> attention = new ArrayList<>();
        for (Side side : Side.values()) {
            SideConnector which = form(side).connector();
            String problem = CredentialChoice.isSettled(which, all)
                    ? ""
                    : messages.get("connections.credentials.missing", which.shortName());
            credentialProblems.get(side).set(problem);
            if (!problem.isEmpty()) {
                attention.add(problem);
            }
        }
        setAttention(String.join("\n", attention));
        this.found = Map.copyOf(found);
        Map<String, String> shownCautions = new TreeMap<>(cautions);
        shownCautions.keySet().removeAll(found.keySet());
        this.cautioned = Map.copyOf(shownCautions);
        errors.forEach((key, wrapper) -> wrapper.set(found.getOrDefault(key, "")));
        warnings.forEach((key, wrapper) -> wrapper.set(found.containsKey(key) ? "" : cautions.getOrDefault(key, "")));
        for (Side side : Side.values()) {
            sideValid.get(side).set(form(side).keys().stream().noneMatch(found::containsKey));
        }
        Optional<String> first = firstProblem(found);
        if (first.isPresent()) {
            setInvalid(first.get());
        } else {
            setValid();
        }
        updateComplete();
    }

    /** What the chosen way of signing in needs that the connector does not ask for (it falls back to the chain). */
    private void requireForWay(Side side, Map<String, String> found) {
        Way way = ways.get(side).get();
        if (way == null || way == Way.DEFAULT_CHAIN) {
            return;
        }
        List<Field> of = form(side).fields().stream()
                .filter(f -> f.way().orElse(null) == way)
                .toList();
        if (!of.isEmpty() && of.stream().noneMatch(f -> isSet(f.key()))) {
            Field first = of.get(0);
            found.putIfAbsent(first.key(), messages.get("connections.error.way", label(first)));
        }
    }

    private String unknownKind(String kind) {
        return messages.get("connections.kind.unknown", kind, String.join(", ", registry.kinds()));
    }

    private Optional<String> firstProblem(Map<String, String> found) {
        for (Side side : Side.values()) {
            String title =
                    messages.get(side == Side.SOURCE ? "connections.source.title" : "connections.destination.title");
            Form form = form(side);
            String typeKey = SideConnector.typeKey(side);
            if (found.containsKey(typeKey)) {
                return Optional.of(messages.get(
                        "connections.problem", title, messages.get("connections.kind"), shorten(found.get(typeKey))));
            }
            for (Field field : form.fields()) {
                if (found.containsKey(field.key())) {
                    return Optional.of(
                            messages.get("connections.problem", title, label(field), shorten(found.get(field.key()))));
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

    private void updateComplete() {
        setComplete(sourceTest.state() == ConnectionTest.State.SUCCEEDED
                && destinationTest.state() == ConnectionTest.State.SUCCEEDED);
    }

    /** The side's kind and every value of its form: what a test ran with. */
    private Map<String, String> sideSettings(Side side) {
        Map<String, String> all = session.settings();
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SideConnector.typeKey(side), form(side).connector().kind());
        for (Field field : form(side).fields()) {
            String value = all.get(field.key());
            if (value != null && !value.isBlank()) {
                out.put(field.key(), value);
            }
        }
        return out;
    }

    private boolean isSet(String key) {
        return !setting(key).get().isBlank();
    }
}
