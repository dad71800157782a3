package dev.lakeport.sparkjob;

import dev.lakeport.diff.DiffResult;
import java.io.Serial;
import java.io.Serializable;

/**
 * One partition's difference: its sort key, the result, and for {@code glueNew} and {@code needUpdate} the mapped
 * source partition encoded against its mapped table ({@code dlfNew} carries the key only).
 */
record DiffRecord(String sortKey, DiffResult result, byte[] mapped) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    boolean isDelete() {
        return result == DiffResult.DELETE;
    }
}
