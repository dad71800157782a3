package dev.lakeport.report;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffWords;
import java.time.Instant;
import java.util.List;

/**
 * What a report says about itself: its title, when it was made, the names of the two catalogs, and the project's
 * exclusion rules (as a user reads them, e.g. {@code table sales.orders}), so a report never shows an excluded object
 * without saying why.
 */
public record ReportInfo(
        String title,
        Instant generatedAt,
        String sourceName,
        String destinationName,
        List<String> exclusionRules,
        DiffWords words) {
    public ReportInfo {
        requireNonNull(words, "words is null");
        requireNonNull(title, "title is null");
        requireNonNull(generatedAt, "generatedAt is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(destinationName, "destinationName is null");
        exclusionRules = List.copyOf(requireNonNull(exclusionRules, "exclusionRules is null"));
    }

    /** A report of a project without exclusion rules. */
    public ReportInfo(String title, Instant generatedAt, String sourceName, String destinationName) {
        this(title, generatedAt, sourceName, destinationName, List.of(), DiffWords.SEED);
    }

    public ReportInfo withExclusionRules(List<String> rules) {
        return new ReportInfo(title, generatedAt, sourceName, destinationName, rules, words);
    }

    /** The report in a route's words. */
    public ReportInfo withWords(DiffWords routeWords) {
        return new ReportInfo(title, generatedAt, sourceName, destinationName, exclusionRules, routeWords);
    }
}
