package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;

/**
 * Runs the job in this process with {@code local[threads]}, through Spark's own
 * {@link org.apache.spark.launcher.InProcessLauncher}: for the sample project and tests. Spark and the job's classes
 * must be on this application's classpath ({@link #unavailable}); the job then runs from the classpath, not from the
 * jar of the submission, so no class exists twice. Progress comes from the job's {@code progress-<runId>.jsonl} under a
 * local {@code result.output.path}, read as it grows; the driver's own log goes to this process's log, not to the
 * handle's tail.
 *
 * <p>One Spark application at a time can live in a JVM: a second local run while one is under way is refused. The
 * driver binds to {@code 127.0.0.1} unless the profile says otherwise, so a desktop run opens nothing to the network.
 */
public final class InProcessLauncher implements JobLauncher {
    static final String SPARK_SUBMIT_CLASS = "org.apache.spark.deploy.SparkSubmit";
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);

    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    private static final Duration PREVIOUS_APPLICATION_WAIT = Duration.ofSeconds(30);

    private final ClusterProfile.Local profile;
    private final Duration poll;
    private final Duration stopGrace;
    private final Duration outputGrace;

    public InProcessLauncher(ClusterProfile.Local profile) {
        this(profile, DEFAULT_POLL, SparkSubmitLauncher.DEFAULT_STOP_GRACE, SparkSubmitLauncher.DEFAULT_OUTPUT_GRACE);
    }

    InProcessLauncher(ClusterProfile.Local profile, Duration poll, Duration stopGrace, Duration outputGrace) {
        this.profile = requireNonNull(profile, "profile is null");
        this.poll = requireNonNull(poll, "poll is null");
        this.stopGrace = requireNonNull(stopGrace, "stopGrace is null");
        this.outputGrace = requireNonNull(outputGrace, "outputGrace is null");
    }

    static Optional<String> unavailable(ClusterProfile.Local profile) {
        if (!onClasspath(SPARK_SUBMIT_CLASS)) {
            return Optional.of("Spark is not on this application's classpath, so profile '" + profile.name()
                    + "' cannot run the job here: use a spark-submit profile with a Spark installation");
        }
        if (!onClasspath(JobConf.MAIN_CLASS)) {
            return Optional.of("the Spark job's classes (" + JobConf.MAIN_CLASS + ") are not on this application's"
                    + " classpath, so profile '" + profile.name() + "' cannot run the job here");
        }
        return Optional.empty();
    }

    /**
     * This JVM's {@code spark.*} system properties. Spark's in-process submit turns the application's settings into
     * system properties ({@code SparkSubmit}'s {@code JavaMainApplication}), the credential settings and the
     * launcher's port among them; they are put back as they were once the run ended, so that no access key stays in
     * this process's properties and no later Spark context looks for a launcher long gone.
     */
    private static Map<String, String> sparkSystemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        java.util.Properties system = System.getProperties();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                props.put(key, system.getProperty(key));
            }
        }
        return props;
    }

    private static void restoreSparkSystemProperties(Map<String, String> before) {
        sparkSystemProperties().forEach((key, value) -> {
            String was = before.get(key);
            if (was == null) {
                System.clearProperty(key);
            } else if (!was.equals(value)) {
                System.setProperty(key, was);
            }
        });
    }

    private static boolean onClasspath(String className) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = InProcessLauncher.class.getClassLoader();
        }
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public JobHandle submit(JobSubmission submission, JobListener listener) {
        requireNonNull(submission, "submission is null");
        requireNonNull(listener, "listener is null");
        unavailable(profile).ifPresent(why -> {
            throw new JobException(why);
        });
        if (!RUNNING.compareAndSet(false, true)) {
            throw new JobException("a local run is already under way in this application; wait for it to end or"
                    + " cancel it (Spark runs one application per process)");
        }
        if (!previousApplicationGone()) {
            RUNNING.set(false);
            throw new JobException(
                    "the Spark application of an earlier local run is still stopping; try again in a" + " moment");
        }
        JobTracker tracker = new JobTracker(submission.runId(), listener, JobCommand.secretValues(submission));
        Optional<ProgressFileTail> tail =
                JobCommand.localProgressFile(submission).map(ProgressFileTail::new);
        tracker.expectSummary(tail.isPresent());
        if (tail.isEmpty()) {
            tracker.logLine("lakeport: result.output.path is not a folder of this machine, so the job's progress"
                    + " cannot be followed here");
        }
        Path propertiesFile;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeport-local-" + submission.runId());
            t.setDaemon(true);
            return t;
        });
        try {
            // Spark's in-process launcher looks for SPARK_HOME unless it is given a properties file (any file).
            propertiesFile = Files.createTempFile("lakeport-local-", ".properties");
            propertiesFile.toFile().deleteOnExit();
        } catch (IOException e) {
            RUNNING.set(false);
            timer.shutdownNow();
            throw new JobException("could not create a temporary file for Spark: " + e.getMessage(), e);
        }
        Map<String, String> sparkPropertiesBefore = sparkSystemProperties();
        Runnable cleanup = () -> {
            restoreSparkSystemProperties(sparkPropertiesBefore);
            RUNNING.set(false);
            timer.shutdown();
            try {
                Files.deleteIfExists(propertiesFile);
            } catch (IOException e) {
                // deleteOnExit is the backstop
            }
        };
        tracker.onEnd(cleanup);

        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.putAll(JobCommand.sparkConf(profile, submission));
        conf.putAll(submission.credentials().toSparkConf());
        org.apache.spark.launcher.InProcessLauncher launcher = new org.apache.spark.launcher.InProcessLauncher()
                .setMaster("local[" + profile.threads() + "]")
                .setAppName(submission.appName())
                .setAppResource(SparkLauncher.NO_RESOURCE)
                .setMainClass(submission.mainClass())
                .setPropertiesFile(propertiesFile.toString())
                .addAppArgs(JobCommand.appArgs(submission).toArray(String[]::new));
        conf.forEach(launcher::setConf);

        Runnable readProgress = () -> tail.ifPresent(t -> {
            try {
                t.poll().forEach(tracker::fileLine);
            } catch (IOException e) {
                tracker.logLine("lakeport: could not read " + t.file() + ": " + e.getMessage());
            }
        });
        AtomicBoolean endSeen = new AtomicBoolean();
        SparkAppHandle.Listener states = new SparkAppHandle.Listener() {
            @Override
            public void stateChanged(SparkAppHandle handle) {
                SparkAppHandle.State state = handle.getState();
                tracker.applicationId(handle.getAppId());
                switch (state) {
                    case CONNECTED, SUBMITTED -> tracker.state(JobState.SUBMITTED);
                    case RUNNING -> tracker.state(JobState.RUNNING);
                    case FINISHED, FAILED, KILLED, LOST -> {
                        synchronized (readProgress) {
                            readProgress.run();
                        }
                        // FAILED and LOST come when the job's main thread ended: its file is complete. FINISHED and
                        // KILLED come when its SparkContext stopped, possibly before its summary was written.
                        boolean threadEnded = state == SparkAppHandle.State.FAILED
                                || state == SparkAppHandle.State.LOST
                                || endSeen.get();
                        endSeen.set(true);
                        JobState end;
                        Optional<String> reason = Optional.empty();
                        if (state == SparkAppHandle.State.LOST) {
                            end = tracker.summary().isPresent() ? JobState.FINISHED : JobState.FAILED;
                            reason = Optional.of("the job ended without its Spark application reporting how");
                        } else {
                            end = JobState.valueOf(state.name());
                        }
                        if (state == SparkAppHandle.State.FAILED) {
                            reason = Optional.of("the Spark application failed"
                                    + handle.getError().map(e -> ": " + e).orElse(""));
                        }
                        tracker.ended(end, end == JobState.FINISHED ? Optional.empty() : reason, threadEnded);
                        if (!threadEnded) {
                            JobCommand.later(timer, tracker::outputEnded, outputGrace);
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
        if (tail.isPresent()) {
            timer.scheduleWithFixedDelay(
                    () -> {
                        synchronized (readProgress) {
                            readProgress.run();
                        }
                    },
                    poll.toMillis(),
                    poll.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        tracker.logLine("lakeport: running run " + submission.runId() + " in this process with local["
                + profile.threads() + "]");
        SparkAppHandle handle;
        try {
            handle = launcher.startApplication(states);
        } catch (IOException | RuntimeException e) {
            timer.shutdownNow();
            cleanup.run();
            throw new JobException("could not start Spark in this process: " + e.getMessage(), e);
        }
        tracker.state(JobState.SUBMITTED);
        tracker.onCancel(() -> {
            if (handle.getState().isFinal()) {
                return;
            }
            // Stopping the context fails the action under way and every later one, so the job ends at once,
            // wherever it is (a driver-side step between Spark jobs included), and writes its summary.
            if (!SparkInThisProcess.stop()) {
                tracker.logLine("lakeport: Spark has not started yet; stopping the run");
                handle.kill();
                return;
            }
            tracker.logLine("lakeport: stopped the run's Spark application");
            JobCommand.later(
                    timer,
                    () -> {
                        if (!tracker.state().isFinal()) {
                            handle.kill();
                        }
                    },
                    stopGrace);
        });
        return tracker;
    }

    /** Waits, bounded, for the Spark application of an earlier run (cancelled, still stopping) to be gone. */
    private boolean previousApplicationGone() {
        long deadline = System.nanoTime() + PREVIOUS_APPLICATION_WAIT.toNanos();
        while (SparkInThisProcess.active()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "InProcessLauncher[" + profile.name() + "]";
    }
}
