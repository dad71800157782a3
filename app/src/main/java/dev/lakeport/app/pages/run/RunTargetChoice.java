package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.ClusterProfiles;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The targets the Run page offers: this computer first, then one per cluster profile saved in the project, made again
 * when the profiles change (a hand-edited profile the core refuses leaves this computer and says what is wrong).
 */
final class RunTargetChoice {
    private final ProjectSession session;
    private final Messages messages;
    private final RunTargets targetFactory;
    private final JobWatcher watcher;
    private final ObjectProperty<RunTarget> target;
    private final ReadOnlyStringWrapper status;
    private final ObservableList<RunTarget> targets = FXCollections.observableArrayList();
    private final ObservableList<RunTarget> targetsView = FXCollections.unmodifiableObservableList(targets);
    private String profilesSignature = "";
    /** Set while {@link #saveProfiles} writes its keys one by one: the targets are made once, at the end. */
    private boolean savingProfiles;

    private String profileProblem = "";

    RunTargetChoice(
            ProjectSession session,
            Messages messages,
            RunTargets targetFactory,
            JobWatcher watcher,
            ObjectProperty<RunTarget> target,
            ReadOnlyStringWrapper status) {
        this.session = requireNonNull(session, "session is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.targetFactory = requireNonNull(targetFactory, "targets is null");
        this.watcher = requireNonNull(watcher, "watcher is null");
        this.target = requireNonNull(target, "target is null");
        this.status = requireNonNull(status, "status is null");
    }

    /** The settings changed: makes the targets again if the profiles changed and this is not a save under way. */
    void settingsChanged() {
        if (!savingProfiles && !profilesSignature().equals(profilesSignature)) {
            rebuild();
        }
    }

    /** The targets this project can run on: this computer first, then one per saved cluster profile. */
    ObservableList<RunTarget> targets() {
        return targetsView;
    }

    /** Makes the targets again from the project's cluster profiles, keeping the chosen one if it is still there. */
    void rebuild() {
        profilesSignature = profilesSignature();
        RunTarget chosen = target.get();
        String chosenName = chosen == null ? null : chosen.displayName(messages);
        List<RunTarget> made;
        try {
            made = targetFactory.create(watcher);
            if (status.get().equals(profileProblem)) {
                status.set("");
            }
            profileProblem = "";
        } catch (IllegalArgumentException e) {
            // a hand-edited profile the core refuses: this computer stays available, the page says what is wrong
            made = targetFactory.direct();
            profileProblem = messages.get("run.profile.invalid", e.getMessage());
            status.set(profileProblem);
        }
        if (made.isEmpty()) {
            throw new IllegalStateException("at least one run target is needed");
        }
        targets.setAll(made);
        target.set(made.stream()
                .filter(t -> t.displayName(messages).equals(chosenName))
                .findFirst()
                .orElse(made.get(0)));
    }

    private String profilesSignature() {
        StringBuilder sb = new StringBuilder();
        session.settings().forEach((k, v) -> {
            if (k.startsWith(ClusterProfiles.PREFIX)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }

    /** The project's saved cluster profiles. */
    List<ClusterProfile> profiles() {
        Properties p = new Properties();
        session.settings().forEach(p::setProperty);
        return ClusterProfiles.read(p);
    }

    /** Replaces the project's cluster profiles (the targets follow); settings are saved with the project. */
    void saveProfiles(List<ClusterProfile> profiles) {
        Properties next = new Properties();
        ClusterProfiles.write(profiles, next);
        Map<String, String> current = session.settings();
        savingProfiles = true;
        try {
            for (String key : current.keySet()) {
                if (key.startsWith(ClusterProfiles.PREFIX) && !next.containsKey(key)) {
                    session.setting(key).set("");
                }
            }
            for (String key : next.stringPropertyNames()) {
                session.setting(key).set(next.getProperty(key));
            }
        } finally {
            savingProfiles = false;
        }
        if (!profilesSignature().equals(profilesSignature)) {
            rebuild();
        }
    }
}
