package dev.lakeport.copy;

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
    public record Mismatch(PartitionCounts counts, String reason) {
        public String table() {
            return counts.table();
        }

        public String partition() {
            return counts.partition();
        }
    }

    public Verification {
        counts = List.copyOf(counts);
        mismatches = List.copyOf(mismatches);
    }

    public static Verification of(List<PartitionCounts> counts) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (PartitionCounts c : counts) {
            reason(c).ifPresent(r -> mismatches.add(new Mismatch(c, r)));
        }
        return new Verification(counts, mismatches);
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
