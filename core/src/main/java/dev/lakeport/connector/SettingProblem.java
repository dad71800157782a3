package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

/** What is wrong with one setting, named by its key: an error stops the run, a warning is shown and the run goes on. */
public record SettingProblem(String key, String message, boolean error) {
    public SettingProblem {
        requireNonNull(key, "key is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
