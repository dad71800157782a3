package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;

/**
 * Submits the job with the user's Spark client: Spark's {@link SparkLauncher} runs {@code SPARK_HOME/bin/spark-submit}
 * as a child process ({@code HADOOP_CONF_DIR} and {@code YARN_CONF_DIR} from the profile, for YARN / EMR; the
 * MaxCompute Spark client's {@code spark.hadoop.odps.*} settings come with the profile's or the client's own
 * {@code spark-defaults.conf}). The application's states and id come through Spark's launcher connection; the child's
 * output (stdout and stderr) feeds the {@link JobTracker}: record lines become progress, the rest the log tail.
 *
 * <p><b>Credentials never reach the command line</b>, where {@code ps} would show them to every user of the machine.
 * When the driver runs here (deploy mode {@code client}, or a {@code local} master) they go in the child's environment
 * ({@link JobCredentials#toEnvironment()}, readable by this user only) and nothing is written to disk. In
 * {@code cluster} deploy mode the client's environment does not reach the driver: Spark must ship them with its
 * settings (as it ships every setting, to the application's staging folder), so they go into a properties file that
 * only this user may read (created with mode {@code 0600} in a {@code 0700} folder), handed over with
 * {@code --properties-file}, and deleted as soon as the application connects back (spark-submit read it at start-up)
 * and in any case when the job ends. Because {@code --properties-file} replaces {@code spark-defaults.conf}, the file
 * starts with a copy of the client's {@code spark-defaults.conf} ({@code SPARK_CONF_DIR} or {@code SPARK_HOME/conf}),
 * so a cluster client configured there works unchanged. Cluster roles avoid both: without credentials nothing is
 * passed and spark-submit reads its defaults itself.
 *
 * <p>In {@code cluster} deploy mode the driver runs on the cluster and its output does not come back through
 * spark-submit: states and the application id are seen, progress records only if the job's output reaches this
 * machine. {@link JobTracker} then does not hold a missing summary against the job.
 *
 * <p>Cancel asks the application to stop ({@link SparkAppHandle#stop()}), then kills the child process after a grace
 * period ({@link SparkAppHandle#kill()}); at once if the application never connected.
 */
public final class SparkSubmitLauncher implements JobLauncher {
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(15);
    /** How long, after the application reports its end, to wait for the rest of its output (its summary). */
    public static final Duration DEFAULT_OUTPUT_GRACE = Duration.ofSeconds(5);

    private static final AtomicLong SUBMISSIONS = new AtomicLong();

    private final ClusterProfile.SparkSubmit profile;
    /** Set for Spark on MaxCompute: its client's check, and its own credential settings in the properties file. */
    private final Optional<ClusterProfile.MaxComputeSpark> maxCompute;

    private final Duration stopGrace;
    private final Duration outputGrace;

    public SparkSubmitLauncher(ClusterProfile.SparkSubmit profile) {
        this(profile, DEFAULT_STOP_GRACE, DEFAULT_OUTPUT_GRACE);
    }

    /**
     * Spark on MaxCompute: its client's {@code spark-submit} with master {@code yarn}, deploy mode {@code cluster} and
     * the {@code spark.hadoop.odps.*} settings; the access id and secret go in the private properties file.
     */
    public SparkSubmitLauncher(ClusterProfile.MaxComputeSpark profile) {
        this(profile, DEFAULT_STOP_GRACE, DEFAULT_OUTPUT_GRACE);
    }

    SparkSubmitLauncher(ClusterProfile.MaxComputeSpark profile, Duration stopGrace, Duration outputGrace) {
        this(MaxComputeSparkClient.asSparkSubmit(profile), Optional.of(profile), stopGrace, outputGrace);
    }

    SparkSubmitLauncher(ClusterProfile.SparkSubmit profile, Duration stopGrace, Duration outputGrace) {
        this(profile, Optional.empty(), stopGrace, outputGrace);
    }

    private SparkSubmitLauncher(
            ClusterProfile.SparkSubmit profile,
            Optional<ClusterProfile.MaxComputeSpark> maxCompute,
            Duration stopGrace,
            Duration outputGrace) {
        this.profile = requireNonNull(profile, "profile is null");
        this.maxCompute = requireNonNull(maxCompute, "maxCompute is null");
        this.stopGrace = requireNonNull(stopGrace, "stopGrace is null");
        this.outputGrace = requireNonNull(outputGrace, "outputGrace is null");
    }

    /** Why this profile cannot submit from this machine, or empty. */
    static Optional<String> unavailable(ClusterProfile.SparkSubmit profile) {
        Path home = profile.sparkHome();
        if (!Files.isDirectory(home)) {
            return Optional.of("Spark home " + home + " of profile '" + profile.name() + "' is not a folder");
        }
        Path submit = sparkSubmit(home);
        if (!Files.isRegularFile(submit)) {
            return Optional.of("there is no " + home.relativize(submit) + " under " + home + " (profile '"
                    + profile.name() + "'): point sparkHome at a Spark installation");
        }
        if (!isWindows() && !Files.isExecutable(submit)) {
            return Optional.of(submit + " is not executable");
        }
        if (profile.hadoopConfDir().isPresent()
                && !Files.isDirectory(profile.hadoopConfDir().get())) {
            return Optional.of("Hadoop configuration folder "
                    + profile.hadoopConfDir().get() + " of profile '" + profile.name() + "' is not a folder");
        }
        if (profile.master().startsWith("yarn")
                && profile.hadoopConfDir().isEmpty()
                && System.getenv("HADOOP_CONF_DIR") == null
                && System.getenv("YARN_CONF_DIR") == null) {
            return Optional.of("master yarn needs the cluster's Hadoop configuration: set hadoopConfDir of profile '"
                    + profile.name() + "' (the folder with yarn-site.xml and core-site.xml)");
        }
        return Optional.empty();
    }

    @Override
    public JobHandle submit(JobSubmission submission, JobListener listener) {
        requireNonNull(submission, "submission is null");
        requireNonNull(listener, "listener is null");
        maxCompute
                .map(MaxComputeSparkClient::unavailable)
                .orElseGet(() -> unavailable(profile))
                .ifPresent(why -> {
                    throw new JobException(why);
                });
        if (!Files.isRegularFile(submission.jobJar())) {
            throw new JobException("the Spark job jar " + submission.jobJar() + " does not exist");
        }
        JobTracker tracker = new JobTracker(submission.runId(), listener, JobCommand.secretValues(submission));
        boolean driverHere =
                profile.deployMode().equals("client") || profile.master().startsWith("local");
        tracker.expectSummary(driverHere);

        Map<String, String> env = new HashMap<>();
        profile.hadoopConfDir().ifPresent(dir -> {
            env.put("HADOOP_CONF_DIR", dir.toAbsolutePath().toString());
            env.put("YARN_CONF_DIR", dir.toAbsolutePath().toString());
        });
        if (driverHere) {
            // the driver is the spark-submit process itself: its environment reaches it, and nothing touches disk
            env.putAll(submission.credentials().toEnvironment());
        }
        SparkLauncher launcher = new SparkLauncher(env)
                .setSparkHome(profile.sparkHome().toAbsolutePath().toString())
                .setMaster(profile.master())
                .setDeployMode(profile.deployMode())
                .setAppName(submission.appName())
                .setAppResource(submission.jobJar().toAbsolutePath().toString())
                .setMainClass(submission.mainClass())
                .addAppArgs(JobCommand.appArgs(submission).toArray(String[]::new));
        JobCommand.sparkConf(profile, submission).forEach(launcher::setConf);

        Map<String, String> credentials =
                new java.util.LinkedHashMap<>(submission.credentials().toSparkConf());
        maxCompute.ifPresent(
                m -> credentials.putAll(MaxComputeSparkClient.credentialSettings(submission.credentials())));
        Optional<Path> credentialsFile = Optional.empty();
        if (!credentials.isEmpty() && !driverHere) {
            credentialsFile = Optional.of(writePropertiesFile(credentials));
            launcher.setPropertiesFile(credentialsFile.get().toString());
        }

        String loggerName =
                "dev.lakeport.launch.spark-submit." + submission.runId() + "." + SUBMISSIONS.incrementAndGet();
        Logger output = Logger.getLogger(loggerName);
        Handler lines = new Handler() {
            @Override
            public void publish(LogRecord record) {
                tracker.line(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        output.setUseParentHandlers(false);
        output.setLevel(Level.INFO);
        output.addHandler(lines);
        launcher.redirectToLog(loggerName);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeport-spark-submit-" + submission.runId());
            t.setDaemon(true);
            return t;
        });
        Optional<Path> fileToDelete = credentialsFile;
        Runnable deleteCredentials = () -> fileToDelete.ifPresent(SparkSubmitLauncher::deleteQuietly);
        tracker.onEnd(() -> {
            deleteCredentials.run();
            output.removeHandler(lines);
            timer.shutdown();
        });

        AtomicBoolean endSeen = new AtomicBoolean();
        SparkAppHandle.Listener states = new SparkAppHandle.Listener() {
            @Override
            public void stateChanged(SparkAppHandle handle) {
                SparkAppHandle.State state = handle.getState();
                tracker.applicationId(handle.getAppId());
                switch (state) {
                    case CONNECTED -> {
                        deleteCredentials.run();
                        tracker.state(JobState.SUBMITTED);
                    }
                    case SUBMITTED -> tracker.state(JobState.SUBMITTED);
                    case RUNNING -> tracker.state(JobState.RUNNING);
                    case FINISHED, FAILED, KILLED -> {
                        // The first end comes from the application (its output may still be on the way); a later one
                        // from the child's exit, after its output was read to the end.
                        boolean complete = endSeen.getAndSet(true);
                        JobState end = JobState.valueOf(state.name());
                        Optional<String> reason = state == SparkAppHandle.State.FAILED
                                ? Optional.of("the Spark application failed"
                                        + handle.getError().map(e -> ": " + e).orElse(" (see the log)"))
                                : Optional.empty();
                        tracker.ended(end, reason, complete);
                        if (!complete) {
                            JobCommand.later(timer, tracker::outputEnded, outputGrace);
                        }
                    }
                    case LOST -> {
                        // spark-submit exited with code 0 without the application reporting its end.
                        endSeen.set(true);
                        if (tracker.summary().isPresent()) {
                            tracker.ended(JobState.FINISHED, Optional.empty(), true);
                        } else {
                            tracker.ended(
                                    JobState.FAILED,
                                    Optional.of("spark-submit ended without the application reporting how it ended;"
                                            + " see the log"),
                                    true);
                        }
                    }
                    default -> {}
                }
            }

            @Override
            public void infoChanged(SparkAppHandle handle) {
                tracker.applicationId(handle.getAppId());
            }
        };

        tracker.logLine("lakeport: submitting run " + submission.runId() + " with " + sparkSubmit(profile.sparkHome())
                + " (master " + profile.master() + ", deploy mode " + profile.deployMode() + ")");
        SparkAppHandle handle;
        try {
            handle = launcher.startApplication(states);
        } catch (IOException | RuntimeException e) {
            deleteCredentials.run();
            output.removeHandler(lines);
            timer.shutdownNow();
            throw new JobException("could not start " + sparkSubmit(profile.sparkHome()) + ": " + e.getMessage(), e);
        }
        tracker.state(JobState.SUBMITTED);
        tracker.onCancel(() -> cancel(handle, timer, tracker));
        return tracker;
    }

    private void cancel(SparkAppHandle handle, ScheduledExecutorService timer, JobTracker tracker) {
        if (handle.getState().isFinal()) {
            return;
        }
        try {
            handle.stop();
        } catch (RuntimeException notConnected) {
            tracker.logLine("lakeport: the application is not connected yet; killing spark-submit");
            handle.kill();
            return;
        }
        tracker.logLine("lakeport: asked the application to stop; killing it in " + stopGrace.toSeconds() + " s if"
                + " it has not");
        JobCommand.later(
                timer,
                () -> {
                    if (!handle.getState().isFinal()) {
                        tracker.logLine("lakeport: the application did not stop; killing spark-submit");
                    }
                    // Also once the application reported its end: a driver whose context stopped may leave its JVM
                    // running (a thread that never ends); the child process must not outlive the cancel.
                    handle.kill();
                },
                stopGrace);
    }

    /**
     * A properties file for {@code --properties-file}: the client's {@code spark-defaults.conf}, then the credentials.
     * Readable by this user only.
     */
    private Path writePropertiesFile(Map<String, String> credentials) {
        try {
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path dir = posix
                    ? Files.createTempDirectory(
                            "lakeport-submit-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory("lakeport-submit-");
            Path file = dir.resolve("spark-submit.properties");
            if (posix) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(false, false);
                file.toFile().setWritable(true, true);
            }
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                Optional<Path> defaults = sparkDefaults();
                if (defaults.isPresent()) {
                    out.write("# " + defaults.get() + "\n");
                    out.write(Files.readString(defaults.get(), StandardCharsets.UTF_8));
                    out.write("\n");
                }
                Properties secret = new Properties();
                secret.putAll(credentials);
                secret.store(out, "credentials of one Lakeport run; deleted once spark-submit has read them");
            }
            return file;
        } catch (IOException e) {
            throw new JobException("could not write the credentials for spark-submit: " + e.getMessage(), e);
        }
    }

    private Optional<Path> sparkDefaults() {
        String confDir = System.getenv("SPARK_CONF_DIR");
        Path dir = confDir != null && !confDir.isBlank()
                ? Path.of(confDir)
                : profile.sparkHome().resolve("conf");
        Path file = dir.resolve("spark-defaults.conf");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Path dir = file.getParent();
            try (var rest = Files.list(dir)) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // deleteOnExit is the backstop
        }
    }

    static Path sparkSubmit(Path sparkHome) {
        return sparkHome.resolve("bin").resolve(isWindows() ? "spark-submit.cmd" : "spark-submit");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("windows");
    }

    @Override
    public String toString() {
        return "SparkSubmitLauncher[" + profile.name() + "]";
    }
}
