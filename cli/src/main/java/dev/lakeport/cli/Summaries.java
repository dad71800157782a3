package dev.lakeport.cli;

import dev.lakeport.apply.RunSummary;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.GroupSummary;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Plain-text summaries for the terminal. */
final class Summaries {
    private Summaries() {}

    static void load(PrintWriter out, String what, LoadSummary s, SnapshotStore snapshot, Side side) {
        out.printf(
                "%s: read %,d databases, %,d tables, %,d partitions, %,d functions in %s (%,.0f objects/s)%s%n",
                what,
                s.databases(),
                s.tables(),
                s.partitions(),
                s.functions(),
                human(s.duration()),
                rate(s.objects(), s.duration()),
                s.tablesResumed() > 0
                        ? "; the partitions of " + s.tablesResumed()
                                + " tables were kept from the interrupted load (their listing re-checked)"
                        : "");
        // What the run read can be far less than what the snapshot holds (a resumed load): say both.
        snapshot.loadInfo(side)
                .ifPresent(info -> out.printf(
                        "  The snapshot now holds %,d databases, %,d tables, %,d partitions, %,d functions%s.%n",
                        info.databases(),
                        info.tables(),
                        info.partitions(),
                        info.functions(),
                        info.complete() ? "" : " (incomplete: run load again to finish it)"));
        for (LoadSummary.LoadFailure f : s.failures()) {
            out.printf("  failed: %s: %s%n", f.itemName(), f.error());
        }
        if (!s.failures().isEmpty()) {
            out.printf("  Details: %s%n", RunLogFile.describe());
        }
        if (s.cancelled()) {
            out.println("  cancelled: run again to resume");
        }
    }

    static void diff(PrintWriter out, long runId, DiffSummary s, List<GroupSummary> databases, DiffWords words) {
        out.printf("Diff run %d:%n", runId);
        out.printf("  %-10s %12s %12s %12s%n", "", words.create(), words.delete(), words.update());
        for (ObjectKind kind : ObjectKind.values()) {
            out.printf(
                    "  %-10s %,12d %,12d %,12d%n",
                    kind.itemType(),
                    s.count(kind, DiffResult.CREATE),
                    s.count(kind, DiffResult.DELETE),
                    s.count(kind, DiffResult.UPDATE));
        }
        if (s.isEmpty()) {
            out.println("  No differences: the destination matches the mapped source.");
            return;
        }
        if (!databases.isEmpty()) {
            out.println("  By database:");
            for (GroupSummary g : databases) {
                out.printf(
                        "    %-30s %s %,d, %s %,d, %s %,d%n",
                        g.name(),
                        words.create(),
                        g.creates(),
                        words.delete(),
                        g.deletes(),
                        words.update(),
                        g.updates());
            }
        }
    }

    /**
     * What the project's exclusion rules leave out of a diff run, so that a count of differences is never unexplained:
     * "Differences remain: 401, all excluded by you".
     */
    static void remaining(PrintWriter out, Migration.Remaining r) {
        if (!r.rules().isEmpty()) {
            out.printf(
                    "  Exclusion rules (%d): %s%n",
                    r.rules().size(),
                    r.rules().rules().stream().map(ExclusionRule::describe).collect(Collectors.joining(", ")));
        }
        if (r.allExcluded()) {
            out.printf("  Differences remain: %,d, all excluded by you.%n", r.total());
        } else if (r.excluded() > 0) {
            out.printf(
                    "  Differences: %,d; %,d of them excluded by you, %,d to apply.%n",
                    r.total(), r.excluded(), r.included());
        }
    }

    /** Says when the snapshot was loaded with a narrower scope than the configuration's. */
    static void scopeWidening(PrintWriter out, List<String> reasons) {
        if (!reasons.isEmpty()) {
            out.printf(
                    "  The snapshot was loaded with a narrower scope: %s; run load to read what the scope now adds.%n",
                    String.join("; ", reasons));
        }
    }

    static void run(PrintWriter out, RunSummary s) {
        out.printf(
                "Run %s%s in %s:%n",
                s.runId(), s.dryRun() ? " (dry run: nothing was written)" : "", human(s.duration()));
        out.printf(
                "  %-10s %10s %10s %10s %10s %10s %10s%n",
                "", "created", "updated", "deleted", "skipped", "failed", "not run");
        for (ObjectKind kind : ObjectKind.values()) {
            RunSummary.Counts c = s.counts(kind);
            out.printf(
                    "  %-10s %,10d %,10d %,10d %,10d %,10d %,10d%n",
                    kind.itemType(), c.created(), c.updated(), c.deleted(), c.skipped(), c.failed(), c.notRun());
        }
        if (s.cancelled()) {
            out.printf(
                    "  Cancelled: %,d items were not run; run the same command again to finish (completed work is"
                            + " kept).%n",
                    s.totals().notRun());
        }
    }

    static void mapping(PrintWriter out, dev.lakeport.pipeline.MappingCheck check, dev.lakeport.model.ItemNames names) {
        if (check.isClean()) {
            return;
        }
        if (!check.warningCounts().isEmpty()) {
            out.println("Mapping warnings (the objects still migrate; review them):");
            check.warningCounts().forEach((code, n) -> out.printf("  %-22s %,d%n", code, n));
            // up to two of each kind, so that every kind is shown with an object it concerns
            java.util.Map<dev.lakeport.mapping.MappingWarning.Code, Integer> shown = new java.util.HashMap<>();
            for (var w : check.examples()) {
                if (shown.merge(w.code(), 1, Integer::sum) <= 2) {
                    out.printf("    e.g. %s: %s%n", names.of(w.key()), w.message());
                }
            }
        }
        if (!check.uncovered().isEmpty()) {
            out.printf("Locations no location.convertMap entry covers (%,d in all):%n", check.uncoveredLocations());
            for (var g :
                    check.uncovered().subList(0, Math.min(10, check.uncovered().size()))) {
                out.printf("  %-60s %,9d  e.g. %s%n", g.prefix(), g.count(), g.example());
            }
            if (check.uncovered().size() > 10) {
                out.printf("  ... and %,d more prefixes%n", check.uncovered().size() - 10);
            }
        }
    }

    /** The type-mapping preview of {@code qualified} ({@code database.table}, as the source names it). */
    static void columnTypes(PrintWriter out, String qualified, dev.lakeport.pipeline.Migration migration) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(new Object()),
                    "--types takes DATABASE.TABLE as the source names them, not '" + qualified + "'");
        }
        String database = qualified.substring(0, dot);
        String table = qualified.substring(dot + 1);
        var rows = migration.columnTypes(database, table);
        if (rows.isEmpty()) {
            out.printf("Types of %s: the source snapshot has no such table (run 'load --side source')%n", qualified);
            return;
        }
        if (rows.get().isEmpty()) {
            out.printf(
                    "Types of %s: unchanged (%s holds the same types)%n",
                    qualified, migration.config().route().title());
            return;
        }
        out.printf("Types of %s on %s:%n", qualified, migration.config().route().title());
        int width = rows.get().stream().mapToInt(r -> r.column().length()).max().orElse(6);
        int sourceWidth =
                rows.get().stream().mapToInt(r -> r.sourceType().length()).max().orElse(6);
        String format = "  %-" + Math.max(6, width) + "s %-" + Math.max(6, sourceWidth) + "s -> %-20s %s%n";
        for (var r : rows.get()) {
            out.printf(
                    format,
                    r.column() + (r.partitionKey() ? " (key)" : ""),
                    r.sourceType(),
                    r.destinationType().orElse("(cannot be held)"),
                    r.because());
        }
    }

    /** What the destination cannot take, each object named; the run does not start until they are fixed. */
    static void destinationProblems(
            PrintWriter out,
            String destination,
            java.util.List<dev.lakeport.mapping.DestinationCheck.Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.printf(
                "%s cannot take %,d object%s as %s (apply will not start until they are fixed or left out):%n",
                destination,
                problems.size(),
                problems.size() == 1 ? "" : "s",
                problems.size() == 1 ? "it is" : "they are");
        problems.stream().limit(50).forEach(p -> out.printf("  %s%n", p));
        if (problems.size() > 50) {
            out.printf("  ... and %,d more%n", problems.size() - 50);
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        return String.format("%d min %d s", ms / 60_000, (ms % 60_000) / 1000);
    }

    static double rate(long n, Duration d) {
        double seconds = Math.max(d.toMillis(), 1) / 1000.0;
        return n / seconds;
    }
}
