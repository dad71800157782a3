package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, per kind of object, how long it took and where its details are. Items not run because of a cancel
 * count as failed (they are in the failed-items file).
 */
public record RunSummary(
        String runId,
        Map<ObjectKind, Counts> counts,
        Duration duration,
        List<Path> files,
        boolean cancelled,
        boolean dryRun) {

    public RunSummary {
        requireNonNull(runId, "runId is null");
        requireNonNull(counts, "counts is null");
        requireNonNull(duration, "duration is null");
        EnumMap<ObjectKind, Counts> copy = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.values()) {
            copy.put(kind, counts.getOrDefault(kind, Counts.ZERO));
        }
        counts = Collections.unmodifiableMap(copy);
        files = List.copyOf(files);
    }

    public record Counts(long created, long updated, long deleted, long skipped, long failed) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        public long total() {
            return created + updated + deleted + skipped + failed;
        }

        Counts plus(Counts o) {
            return new Counts(
                    created + o.created,
                    updated + o.updated,
                    deleted + o.deleted,
                    skipped + o.skipped,
                    failed + o.failed);
        }
    }

    public Counts counts(ObjectKind kind) {
        return counts.get(kind);
    }

    public Counts totals() {
        return counts.values().stream().reduce(Counts.ZERO, Counts::plus);
    }

    /** Whether the CLI should exit non-zero. */
    public boolean hasFailures() {
        return totals().failed() > 0 || cancelled;
    }
}
