package dev.lakeport.apply;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKind;
import java.util.EnumMap;
import java.util.Map;

/** Adds outcomes up into {@link RunSummary.Counts}; callers synchronise. */
public final class SummaryCounter {
    private final long[][] counts = new long[ObjectKind.values().length][6];

    public void add(ObjectKind kind, DiffResult result, Outcome outcome, long n) {
        int column =
                switch (outcome) {
                    case SUCCEEDED -> switch (result) {
                        case CREATE -> 0;
                        case UPDATE -> 1;
                        case DELETE -> 2;
                    };
                    case SKIPPED -> 3;
                    case FAILED -> 4;
                    case NOT_RUN -> 5;
                };
        counts[kind.ordinal()][column] += n;
    }

    public Map<ObjectKind, RunSummary.Counts> toMap() {
        Map<ObjectKind, RunSummary.Counts> map = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.values()) {
            long[] c = counts[kind.ordinal()];
            map.put(kind, new RunSummary.Counts(c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        return map;
    }
}
