package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.ClusterProfiles;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.JobLaunchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** This computer, then one Spark-job target per cluster profile saved in the open project. */
public final class ProjectRunTargets implements RunTargets {
    private final ProjectSession session;
    private final DirectRunTarget direct;

    public ProjectRunTargets(ProjectSession session) {
        this.session = requireNonNull(session, "session is null");
        this.direct = new DirectRunTarget(session);
    }

    @Override
    public List<RunTarget> create(JobWatcher watcher) {
        Properties settings = new Properties();
        session.settings().forEach(settings::setProperty);
        List<RunTarget> targets = new ArrayList<>(direct());
        for (ClusterProfile profile : ClusterProfiles.read(settings)) {
            targets.add(new SparkJobRunTarget(
                    session, profile, JobLaunchers::forProfile, JobLaunchers::unavailable, JobJar::locate, watcher));
        }
        return targets;
    }

    @Override
    public List<RunTarget> direct() {
        return List.of(direct);
    }
}
