package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One task's rows copied, verified and, where the counts disagree, copied again — the same rule and the same words
 * wherever the rows are copied (on this computer, or by the Spark job): copy every part, compare the three counts,
 * copy the parts that disagree again alone (at most {@code recopies} times), and end with a line for the log and the
 * task's summary or error.
 *
 * @param <P> a part of the task: one partition, or the whole of a table without partitions
 */
public final class VerifiedCopy<P> {

    /** How a line of the task's log weighs. */
    public enum Level {
        INFO,
        WARN,
        ERROR
    }

    /** Where the task's log lines go. */
    @FunctionalInterface
    public interface Log {
        void line(Level level, String message);
    }

    /** What the copy does to one task's parts: copy some of them, and verify all of them. */
    public interface Steps<P> {
        /** Copies {@code parts}; the rows written per part name. */
        Map<String, Long> copy(List<P> parts);

        /** Compares the three counts of every part of the task, given the rows last written per part name. */
        Verification verify(Map<String, Long> written);
    }

    /** How a task's copy ended: its last verification, and the summary (when passed) or the error. */
    public record Outcome(Verification verification, boolean passed, String text) {}

    private final String table;
    private final boolean partitioned;
    private final int recopies;
    private final String countedBy;

    /**
     * @param table the destination table, {@code db.table}, as log lines name it
     * @param countedBy how the source was counted, for the log ("a separate scan of the files")
     */
    public VerifiedCopy(String table, boolean partitioned, int recopies, String countedBy) {
        this.table = requireNonNull(table, "table is null");
        this.partitioned = partitioned;
        if (recopies < 0) {
            throw new IllegalArgumentException("re-copies must not be negative, got " + recopies);
        }
        this.recopies = recopies;
        this.countedBy = requireNonNull(countedBy, "countedBy is null");
    }

    public Outcome run(List<P> parts, Function<P, String> name, Steps<P> steps, Log log) {
        long started = System.nanoTime();
        Map<String, Long> written = new LinkedHashMap<>(steps.copy(parts));
        long rows = written.values().stream().mapToLong(Long::longValue).sum();
        log.line(
                Level.INFO,
                String.format(
                        Locale.ROOT,
                        "data: %,d rows written into %s%s in %.1f s",
                        rows,
                        table,
                        partitioned ? String.format(Locale.ROOT, " (%,d partitions)", parts.size()) : "",
                        (System.nanoTime() - started) / 1e9));
        Verification verification = steps.verify(written);
        for (int round = 1; !verification.passed() && round <= recopies; round++) {
            Set<String> wrong = verification.mismatches().stream()
                    .map(Verification.Mismatch::partition)
                    .collect(Collectors.toSet());
            List<P> again =
                    parts.stream().filter(p -> wrong.contains(name.apply(p))).toList();
            verification.mismatches().forEach(m -> log.line(Level.WARN, "verification: " + mismatch(m)));
            log.line(
                    Level.WARN,
                    String.format(
                            Locale.ROOT,
                            "copying %,d %s again (round %d of %d)",
                            again.size(),
                            again.size() == 1 ? "partition" : "partitions",
                            round,
                            recopies));
            written.putAll(steps.copy(again));
            verification = steps.verify(written);
        }
        long destination = sum(verification, PartitionCounts::destination);
        if (verification.passed()) {
            log.line(
                    Level.INFO,
                    String.format(
                            Locale.ROOT,
                            "verification: source %,d (%s), written %,d, destination %,d: %s",
                            sum(verification, PartitionCounts::source),
                            countedBy,
                            sum(verification, PartitionCounts::written),
                            destination,
                            partitioned ? "every partition's counts agree" : "the counts agree"));
            return new Outcome(
                    verification, true, String.format(Locale.ROOT, "%,d rows copied and verified", destination));
        }
        List<String> named =
                verification.mismatches().stream().map(this::mismatch).toList();
        named.forEach(n -> log.line(Level.ERROR, "verification: " + n));
        String error = String.format(
                        Locale.ROOT,
                        "the counts of %,d %s disagree after %d re-copies: ",
                        named.size(),
                        !partitioned ? "table" : named.size() == 1 ? "partition" : "partitions",
                        recopies)
                + String.join("; ", named.subList(0, Math.min(3, named.size())))
                + (named.size() > 3 ? " and " + (named.size() - 3) + " more" : "");
        return new Outcome(verification, false, error);
    }

    private String mismatch(Verification.Mismatch m) {
        return (m.partition().isEmpty() ? table : table + " " + m.partition()) + ": " + m.reason();
    }

    private static long sum(Verification v, Function<PartitionCounts, OptionalLong> number) {
        return v.counts().stream()
                .map(number)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .sum();
    }
}
