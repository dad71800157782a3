package dev.lakeport.diff;

import java.util.Arrays;

/**
 * What a diff found for one key, in the words of the seed's result log: users already read {@code glueNew},
 * {@code dlfNew} and {@code needUpdate} in their logs and scripts, so the words never change.
 */
public enum DiffResult {
    /** Only at the source: create it at the destination. */
    GLUE_NEW("glueNew"),
    /** Only at the destination: delete it there (only when deletions are turned on and confirmed). */
    DLF_NEW("dlfNew"),
    /** At both, content differs: update the destination. */
    NEED_UPDATE("needUpdate");

    private final String word;

    DiffResult(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static DiffResult fromWord(String word) {
        return Arrays.stream(values())
                .filter(r -> r.word.equals(word))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown diff result: " + word));
    }
}
