package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One run of the Spark job: its run id (names the result files), the Spark application name, the settings (the seed's
 * {@code application.properties} keys plus {@code lakeport.*} ones), the credentials, the job jar and extra Spark
 * settings on top of the profile's.
 *
 * <p>The settings travel to the cluster without credentials: the constructor refuses settings that hold any
 * ({@link dev.lakeport.config.ConfigKeys#SECRET_KEYS}); use {@link JobCredentials#split(Properties)}. Credentials
 * travel as Spark settings whose names Spark's default {@code spark.redaction.regex} covers ({@link JobCredentials}).
 *
 * <p>{@code mainClass} is the job's entry point: the migration job ({@link JobConf#MAIN_CLASS}) unless said otherwise,
 * e.g. the data copy ({@link JobConf#COPY_MAIN_CLASS} with {@link CopyPlanArgs}); {@code jobArgs} are its arguments
 * after the settings and the run id, which every launcher passes itself.
 */
public record JobSubmission(
        String runId,
        String appName,
        Properties settings,
        JobCredentials credentials,
        Path jobJar,
        Map<String, String> sparkConf,
        String mainClass,
        List<String> jobArgs) {
    private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** The migration job ({@link JobConf#MAIN_CLASS}) with no arguments of its own. */
    public JobSubmission(
            String runId,
            String appName,
            Properties settings,
            JobCredentials credentials,
            Path jobJar,
            Map<String, String> sparkConf) {
        this(runId, appName, settings, credentials, jobJar, sparkConf, JobConf.MAIN_CLASS, List.of());
    }

    public JobSubmission {
        requireNonNull(runId, "runId is null");
        if (!SAFE_RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-100 letters, digits, '.', '_' or '-': " + runId);
        }
        requireNonNull(appName, "appName is null");
        requireNonNull(settings, "settings is null");
        Properties copy = new Properties();
        copy.putAll(settings);
        for (String key : dev.lakeport.config.ConfigKeys.SECRET_KEYS) {
            String value = copy.getProperty(key);
            if (value != null && !value.isBlank()) {
                throw new IllegalArgumentException(
                        "the job's settings hold the credential " + key + "; pass credentials as JobCredentials");
            }
        }
        settings = copy;
        requireNonNull(credentials, "credentials is null");
        requireNonNull(jobJar, "jobJar is null");
        sparkConf = Map.copyOf(sparkConf);
        for (String key : sparkConf.keySet()) {
            if (key.startsWith(JobConf.CREDENTIAL_PREFIX)) {
                throw new IllegalArgumentException(key + " is set from the credentials, not from sparkConf");
            }
        }
        requireNonNull(mainClass, "mainClass is null");
        jobArgs = List.copyOf(jobArgs);
        for (String arg : jobArgs) {
            if (arg.equals(JobConf.ARG_SETTINGS_BASE64) || arg.equals(JobConf.ARG_RUN_ID)) {
                throw new IllegalArgumentException(arg + " is passed by the launcher, not in jobArgs");
            }
        }
    }

    /** This submission starting {@code mainClass} with {@code jobArgs} instead. */
    public JobSubmission withMain(String mainClass, List<String> jobArgs) {
        return new JobSubmission(runId, appName, settings, credentials, jobJar, sparkConf, mainClass, jobArgs);
    }

    /** A copy of the settings (callers cannot change the submission through it). */
    @Override
    public Properties settings() {
        Properties copy = new Properties();
        copy.putAll(settings);
        return copy;
    }
}
