package dev.lakeport.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What a report says about itself: its title, when it was made, and the names of the two catalogs. */
public record ReportInfo(String title, Instant generatedAt, String sourceName, String destinationName) {
    public ReportInfo {
        requireNonNull(title, "title is null");
        requireNonNull(generatedAt, "generatedAt is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(destinationName, "destinationName is null");
    }
}
