package dev.lakeport.sparkjob;

import dev.lakeport.launch.JobConf;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job's command line: {@code <path of application.properties> [--run-id ID] [--settings-base64 B64]}. The path is
 * the seed's one argument; the launchers pass the settings inline instead, so one of the two is required.
 */
record JobArgs(Optional<String> settingsPath, Optional<String> settingsBase64, Optional<String> runId) {
    static final String USAGE = "usage: " + JobConf.MAIN_CLASS + " <path of application.properties> ["
            + JobConf.ARG_RUN_ID + " ID] [" + JobConf.ARG_SETTINGS_BASE64 + " B64]";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    static JobArgs parse(String[] args) {
        Optional<String> path = Optional.empty();
        Optional<String> base64 = Optional.empty();
        Optional<String> runId = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(JobConf.ARG_RUN_ID) || a.equals(JobConf.ARG_SETTINGS_BASE64)) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new IllegalArgumentException(a + " needs a value; " + USAGE);
                }
                String value = args[++i].trim();
                if (a.equals(JobConf.ARG_RUN_ID)) {
                    if (!RUN_ID.matcher(value).matches()) {
                        throw new IllegalArgumentException(JobConf.ARG_RUN_ID
                                + " must be 1-100 letters, digits, '.', '_' or '-', got '" + value + "'");
                    }
                    runId = Optional.of(value);
                } else {
                    base64 = Optional.of(value);
                }
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
            } else if (path.isPresent()) {
                throw new IllegalArgumentException(
                        "more than one settings path: " + path.get() + " and " + a + "; " + USAGE);
            } else if (!a.isBlank()) {
                path = Optional.of(a.trim());
            }
        }
        if (path.isPresent() == base64.isPresent()) {
            throw new IllegalArgumentException((path.isPresent()
                            ? "give the settings as a path or as " + JobConf.ARG_SETTINGS_BASE64 + ", not both"
                            : "no settings given")
                    + "; " + USAGE);
        }
        return new JobArgs(path, base64, runId);
    }
}
