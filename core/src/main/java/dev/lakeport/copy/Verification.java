package dev.lakeport.copy;

import dev.lakeport.copy.DestinationCounts.ColumnStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Compares the three counts of every partition. A partition passes only when the source, the writer and the
 * destination all give the same number, so rows dropped before the writer saw them are caught (the writer's count
 * alone would agree with the destination), and so are rows added or lost at the destination afterwards.
 */
public record Verification(List<PartitionCounts> counts, List<Mismatch> mismatches) {
    /** A partition whose numbers disagree, or are missing, and why, in words a report shows. */
    public record Mismatch(String table, String partition, String reason) {}

    public Verification {
        counts = List.copyOf(counts);
        mismatches = List.copyOf(mismatches);
    }

    public static Verification of(List<PartitionCounts> counts) {
        return of(counts, List.of());
    }

    /**
     * Compares the counts and, where both sides were asked for them, the columns' aggregates: numbers are compared
     * as numbers ({@code 1.50} equals {@code 1.5}), anything else as the text the engines printed.
     */
    public static Verification of(List<PartitionCounts> counts, List<PartitionAggregates> aggregates) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (PartitionCounts c : counts) {
            reason(c).ifPresent(r -> mismatches.add(new Mismatch(c.table(), c.partition(), r)));
        }
        for (PartitionAggregates a : aggregates) {
            a.source().forEach((column, source) -> {
                ColumnStats destination = a.destination().get(column);
                String reason = destination == null
                        ? "column " + column + ": no aggregates at the destination"
                        : differences(column, source, destination);
                if (reason != null) {
                    mismatches.add(new Mismatch(a.table(), a.partition(), reason));
                }
            });
        }
        return new Verification(counts, mismatches);
    }

    private static String differences(String column, ColumnStats source, ColumnStats destination) {
        List<String> differences = new ArrayList<>();
        compare("sum", source.sum(), destination.sum(), differences);
        compare("min", source.min(), destination.min(), differences);
        compare("max", source.max(), destination.max(), differences);
        if (source.nulls() != destination.nulls()) {
            differences.add("nulls at the destination " + destination.nulls() + ", source " + source.nulls());
        }
        return differences.isEmpty() ? null : "column " + column + ": " + String.join(", ", differences);
    }

    private static void compare(String what, Optional<String> source, Optional<String> destination, List<String> out) {
        if (!same(source, destination)) {
            out.add(what + " at the destination " + destination.orElse("NULL") + ", source " + source.orElse("NULL"));
        }
    }

    private static boolean same(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        try {
            return new BigDecimal(a.get().trim())
                            .compareTo(new BigDecimal(b.get().trim()))
                    == 0;
        } catch (NumberFormatException notNumbers) {
            return a.get().equals(b.get());
        }
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    private static java.util.Optional<String> reason(PartitionCounts c) {
        List<String> missing = new ArrayList<>();
        if (c.source().isEmpty()) {
            missing.add("no source count");
        }
        if (c.written().isEmpty()) {
            missing.add("no written count");
        }
        if (c.destination().isEmpty()) {
            missing.add("no destination count");
        }
        if (!missing.isEmpty()) {
            return Optional.of(String.join(", ", missing) + " (" + numbers(c) + ")");
        }
        long source = c.source().getAsLong();
        long written = c.written().getAsLong();
        long destination = c.destination().getAsLong();
        if (source == written && written == destination) {
            return Optional.empty();
        }
        if (written == source) {
            return Optional.of("destination has " + destination + ", source " + source + ", written " + written);
        }
        if (destination == written) {
            return Optional.of("written " + written + ", source " + source + ", destination " + destination);
        }
        return Optional.of("source " + source + ", written " + written + ", destination " + destination);
    }

    private static String numbers(PartitionCounts c) {
        return "source " + shown(c.source()) + ", written " + shown(c.written()) + ", destination "
                + shown(c.destination());
    }

    private static String shown(OptionalLong n) {
        return n.isPresent() ? Long.toString(n.getAsLong()) : "-";
    }
}
