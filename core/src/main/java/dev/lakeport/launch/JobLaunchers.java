package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The launcher for a {@link ClusterProfile}, and whether it can be used on this machine. */
public final class JobLaunchers {
    private JobLaunchers() {}

    public static JobLauncher forProfile(ClusterProfile profile) {
        requireNonNull(profile, "profile is null");
        if (profile instanceof ClusterProfile.SparkSubmit s) {
            return new SparkSubmitLauncher(s);
        }
        if (profile instanceof ClusterProfile.Livy l) {
            return new LivyLauncher(l);
        }
        if (profile instanceof ClusterProfile.MaxComputeSpark m) {
            return new SparkSubmitLauncher(m);
        }
        return new InProcessLauncher((ClusterProfile.Local) profile);
    }

    /**
     * Why {@code profile} cannot be used here (no {@code bin/spark-submit} under its Spark home, Spark not on this
     * application's classpath for a local run, ...), or empty. Checks this machine only; a Livy server's reachability is
     * found out when submitting.
     */
    public static Optional<String> unavailable(ClusterProfile profile) {
        requireNonNull(profile, "profile is null");
        if (profile instanceof ClusterProfile.SparkSubmit s) {
            return SparkSubmitLauncher.unavailable(s);
        }
        if (profile instanceof ClusterProfile.Livy l) {
            return LivyLauncher.unavailable(l);
        }
        if (profile instanceof ClusterProfile.MaxComputeSpark m) {
            return MaxComputeSparkClient.unavailable(m);
        }
        return InProcessLauncher.unavailable((ClusterProfile.Local) profile);
    }
}
