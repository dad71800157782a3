package dev.lakeport.sparkjob;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.mapping.ExclusionRules;
import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What every task of one run needs: the settings without credentials (as read from application.properties), the
 * credentials apart ({@link JobSecrets}), and the run's ids. Small and serializable, it travels inside the tasks;
 * executors rebuild the {@link MigrationConfig} from it once per JVM ({@link Catalogs}).
 */
final class JobSettings implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final long DEFAULT_PROGRESS_INTERVAL_MS = 2000;

    private final String contextId;
    private final String runId;
    private final TreeMap<String, String> settings;
    private final JobSecrets secrets;
    private final int slotsPerExecutor;
    private transient MigrationConfig config;

    JobSettings(String runId, Map<String, String> settings, JobSecrets secrets, int slotsPerExecutor) {
        this.contextId = UUID.randomUUID().toString();
        this.runId = requireNonNull(runId, "runId is null");
        this.settings = new TreeMap<>(settings);
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.slotsPerExecutor = Math.max(1, slotsPerExecutor);
        for (String key : ConfigKeys.SECRET_KEYS) {
            if (this.settings.containsKey(key)) {
                throw new IllegalArgumentException(key + " must travel as a secret, not as a setting");
            }
        }
    }

    /** Unique to this submission: executors keep one set of connectors per context. */
    String contextId() {
        return contextId;
    }

    String runId() {
        return runId;
    }

    JobSecrets secrets() {
        return secrets;
    }

    /** Concurrent tasks an executor runs; the per-executor concurrency and rate are shared among them. */
    int slotsPerExecutor() {
        return slotsPerExecutor;
    }

    /**
     * The project's exclusion rules ({@code lakeport.exclude.*}): what they cover is never read, compared or written.
     *
     * @throws IllegalArgumentException naming the key and value of a rule that cannot be read
     */
    ExclusionRules exclusions() {
        return ExclusionRules.fromSettings(settings);
    }

    /** The configuration, credentials included; built on first use in each JVM. */
    synchronized MigrationConfig config() {
        if (config == null) {
            Map<String, String> all = new TreeMap<>(settings);
            all.putAll(secrets.values());
            config = MigrationConfigLoader.fromMap(all, "job settings").config();
        }
        return config;
    }

    boolean dryRun() {
        return bool(ConfigKeys.DRY_RUN);
    }

    /** {@code lakeport.confirmDeletes}, if set. */
    OptionalLong confirmedDeletes() {
        String v = settings.get(ConfigKeys.CONFIRM_DELETES);
        if (v == null || v.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ConfigKeys.CONFIRM_DELETES
                    + " must be the number of objects to delete (0 or more), got '" + v + "'");
        }
    }

    long progressIntervalMs() {
        String v = settings.get(ConfigKeys.JOB_PROGRESS_INTERVAL_MS);
        if (v == null || v.isBlank()) {
            return DEFAULT_PROGRESS_INTERVAL_MS;
        }
        try {
            long ms = Long.parseLong(v.trim());
            if (ms < 10) {
                throw new NumberFormatException();
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ConfigKeys.JOB_PROGRESS_INTERVAL_MS
                    + " must be a number of milliseconds of 10 or more, got '" + v + "'");
        }
    }

    /** Checks the job's own keys, so that a typo stops the run before anything is read or written. */
    void validate() {
        confirmedDeletes();
        progressIntervalMs();
        dryRun();
    }

    private boolean bool(String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            return false;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }

    @Override
    public String toString() {
        return "JobSettings[runId=" + runId + ", keys=" + settings.keySet() + ", " + secrets + "]";
    }
}
