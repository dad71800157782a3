package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.RunSummary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job's last record: what it did per item type ({@code database}, {@code table}, {@code partition},
 * {@code function}, as in the result log), how long it took, the result files it wrote under
 * {@code result.output.path}, and the error that ended it, if one did.
 */
public record JobSummary(
        String runId,
        Map<String, RunSummary.Counts> counts,
        Duration duration,
        List<String> files,
        boolean dryRun,
        Optional<String> error)
        implements JobRecord {

    public JobSummary {
        requireNonNull(runId, "runId is null");
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        requireNonNull(duration, "duration is null");
        files = List.copyOf(files);
        requireNonNull(error, "error is null");
    }

    public RunSummary.Counts totals() {
        long created = 0, updated = 0, deleted = 0, skipped = 0, failed = 0;
        for (RunSummary.Counts c : counts.values()) {
            created += c.created();
            updated += c.updated();
            deleted += c.deleted();
            skipped += c.skipped();
            failed += c.failed();
        }
        return new RunSummary.Counts(created, updated, deleted, skipped, failed);
    }

    /** Whether the job ended with an error or with failed items. */
    public boolean hasFailures() {
        return error.isPresent() || totals().failed() > 0;
    }
}
