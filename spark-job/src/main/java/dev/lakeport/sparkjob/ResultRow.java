package dev.lakeport.sparkjob;

import dev.lakeport.apply.Outcome;
import dev.lakeport.diff.DiffResult;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/** What a load task did with one item, on its way to the driver, which writes the result files. */
record ResultRow(String sortKey, DiffResult result, Outcome outcome, String errorMsg, Instant time, long durationMs)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
