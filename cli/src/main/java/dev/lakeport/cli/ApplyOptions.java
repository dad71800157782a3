package dev.lakeport.cli;

import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.Migration;
import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** How to apply a diff; defaults come from the configuration (lakeport.concurrency, lakeport.rate, lakeport.allowDeletes). */
final class ApplyOptions {
    @Option(names = "--dry-run", description = "Show what would be done; write nothing.")
    boolean dryRun;

    @Option(
            names = "--allow-deletes",
            description =
                    "Delete objects that exist only at the destination (dlfNew for Glue -> DLF). Needs --confirm-deletes.")
    boolean allowDeletes;

    @Option(
            names = "--confirm-deletes",
            paramLabel = "N",
            description =
                    "The exact number of objects the diff will delete; any other number stops the run before it starts.")
    Long confirmDeletes;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Calls in flight (default: lakeport.concurrency, 32).")
    Integer concurrency;

    @Option(
            names = "--rate",
            paramLabel = "CALLS_PER_S",
            description = "Calls per second, 0 = unlimited (default: lakeport.rate, 0).")
    Double rate;

    ApplyRequest request(Migration migration) {
        if (confirmDeletes != null && !allowDeletes && !migration.config().run().allowDeletes()) {
            throw new IllegalArgumentException("--confirm-deletes " + confirmDeletes
                    + " has no effect without --allow-deletes (or lakeport.allowDeletes=true): deletions are off;"
                    + " add --allow-deletes to delete, or drop --confirm-deletes; nothing was changed");
        }
        if (allowDeletes && confirmDeletes == null) {
            throw new IllegalArgumentException(
                    "--allow-deletes needs --confirm-deletes N, the exact number of objects the "
                            + "diff will delete (its "
                            + migration.config().route().words().delete() + " count); nothing was changed");
        }
        var run = migration.config().run();
        return new ApplyRequest(
                concurrency != null ? concurrency : run.concurrency(),
                rate != null ? rate : run.rate(),
                dryRun,
                allowDeletes || run.allowDeletes(),
                confirmDeletes == null ? OptionalLong.empty() : OptionalLong.of(confirmDeletes));
    }
}
