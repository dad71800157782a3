package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many entries a diff found, per kind and result. */
public record DiffSummary(Map<ObjectKind, Map<DiffResult, Long>> counts) {
    public static final DiffSummary EMPTY = new DiffSummary(Map.of());

    public DiffSummary {
        requireNonNull(counts, "counts is null");
        EnumMap<ObjectKind, Map<DiffResult, Long>> copy = new EnumMap<>(ObjectKind.class);
        for (ObjectKind kind : ObjectKind.values()) {
            EnumMap<DiffResult, Long> perResult = new EnumMap<>(DiffResult.class);
            for (DiffResult result : DiffResult.values()) {
                perResult.put(result, counts.getOrDefault(kind, Map.of()).getOrDefault(result, 0L));
            }
            copy.put(kind, Collections.unmodifiableMap(perResult));
        }
        counts = Collections.unmodifiableMap(copy);
    }

    public long count(ObjectKind kind, DiffResult result) {
        return counts.get(kind).get(result);
    }

    public long total(DiffResult result) {
        return counts.values().stream().mapToLong(m -> m.get(result)).sum();
    }

    public long total(ObjectKind kind) {
        return counts.get(kind).values().stream().mapToLong(Long::longValue).sum();
    }

    public long total() {
        return counts.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    /** Counts entries as they pass; not thread-safe (the diff is one thread). */
    public static final class Counter implements DiffSink {
        private final long[][] counts = new long[ObjectKind.values().length][DiffResult.values().length];

        @Override
        public void accept(DiffEntry entry) {
            counts[entry.key().kind().ordinal()][entry.result().ordinal()]++;
        }

        public void add(ObjectKind kind, DiffResult result, long n) {
            counts[kind.ordinal()][result.ordinal()] += n;
        }

        public DiffSummary toSummary() {
            EnumMap<ObjectKind, Map<DiffResult, Long>> map = new EnumMap<>(ObjectKind.class);
            for (ObjectKind kind : ObjectKind.values()) {
                EnumMap<DiffResult, Long> perResult = new EnumMap<>(DiffResult.class);
                for (DiffResult result : DiffResult.values()) {
                    perResult.put(result, counts[kind.ordinal()][result.ordinal()]);
                }
                map.put(kind, perResult);
            }
            return new DiffSummary(map);
        }
    }
}
