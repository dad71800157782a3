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
 * What a run did, per kind of object, how long it took and where its details are. Items a cancel left undone count as
 * not run, never as failed: they are not in the failed-items file, and running the same diff again does them.
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

    /** Items by what happened to them; {@code notRun} are those a cancel left undone. */
    public record Counts(long created, long updated, long deleted, long skipped, long failed, long notRun) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        /** Counts of a run that was not cancelled, or of a source that does not tell items not run apart. */
        public Counts(long created, long updated, long deleted, long skipped, long failed) {
            this(created, updated, deleted, skipped, failed, 0);
        }

        /** Every item of the plan, whether it ran or not. */
        public long total() {
            return created + updated + deleted + skipped + failed + notRun;
        }

        /** The items that ran (or were skipped on purpose): all but those not run. */
        public long attempted() {
            return total() - notRun;
        }

        Counts plus(Counts o) {
            return new Counts(
                    created + o.created,
                    updated + o.updated,
                    deleted + o.deleted,
                    skipped + o.skipped,
                    failed + o.failed,
                    notRun + o.notRun);
        }
    }

    public Counts counts(ObjectKind kind) {
        return counts.get(kind);
    }

    public Counts totals() {
        return counts.values().stream().reduce(Counts.ZERO, Counts::plus);
    }

    /** Whether some items failed, or a cancel left some undone: the CLI exits non-zero. */
    public boolean hasFailures() {
        return totals().failed() > 0 || cancelled;
    }
}
