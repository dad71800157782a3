package dev.lakeport.diff;

import java.util.Arrays;

/**
 * What a diff found for one key, in neutral terms: what the destination needs. Users read it in their route's words
 * ({@link DiffWords}): Glue → DLF keeps the seed's {@code glueNew}, {@code dlfNew} and {@code needUpdate}. The
 * project stores the {@link #code()}.
 */
public enum DiffResult {
    /** Only at the source: create it at the destination. */
    CREATE("create"),
    /** Only at the destination: delete it there (only when deletions are turned on and confirmed). */
    DELETE("delete"),
    /** At both, content differs: update the destination. */
    UPDATE("update");

    private final String code;

    DiffResult(String code) {
        this.code = code;
    }

    /** How the project file stores it. */
    public String code() {
        return code;
    }

    public static DiffResult fromCode(String code) {
        return Arrays.stream(values())
                .filter(r -> r.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown diff result: " + code));
    }
}
