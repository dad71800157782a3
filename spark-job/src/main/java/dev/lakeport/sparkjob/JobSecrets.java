package dev.lakeport.sparkjob;

import dev.lakeport.launch.JobCredentials;
import dev.lakeport.secret.Redaction;
import dev.lakeport.secret.Secret;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The credentials the executors need when the cluster has no role to use, by their configuration keys, carried inside
 * the tasks (Java serialization of the closure), never in a file or a Spark setting of their own. {@link #toString()}
 * names the keys only, so a log line or an exception that prints a task's fields shows no secret.
 */
final class JobSecrets implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    static final JobSecrets NONE = new JobSecrets(new TreeMap<>());

    private final TreeMap<String, String> values;

    private JobSecrets(TreeMap<String, String> values) {
        this.values = values;
    }

    static JobSecrets of(JobCredentials credentials) {
        TreeMap<String, String> values = new TreeMap<>();
        credentials.secrets().forEach((k, v) -> values.put(k, v.reveal()));
        return new JobSecrets(values);
    }

    /** The credentials by configuration key, in clear, for the configuration built in this JVM. */
    Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "JobSecrets[cluster role]";
        }
        StringBuilder sb = new StringBuilder("JobSecrets[");
        values.forEach((k, v) -> sb.append(sb.length() > 11 ? ", " : "")
                .append(k)
                .append('=')
                .append(k.toLowerCase(java.util.Locale.ROOT).endsWith("keyid") ? Redaction.maskKeyId(v) : Secret.MASK));
        return sb.append(']').toString();
    }
}
