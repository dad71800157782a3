package dev.lakeport.cli;

import static dev.lakeport.cli.CatalogsAtHand.ok;
import static dev.lakeport.cli.CatalogsAtHand.read;
import static dev.lakeport.cli.CatalogsAtHand.settings;
import static dev.lakeport.cli.CatalogsAtHand.table;
import static dev.lakeport.cli.CatalogsAtHand.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Database;
import dev.lakeport.model.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive Metastore routes end to end as a user runs them: every command in a process of its own, against
 * {@code lakeport-cli emulators --source hive} / {@code --destination hive} in another (a real metastore there), and
 * what reached the destination checked object by object through the connectors. Each scenario is the one Glue -> DLF
 * passes: first run, a re-diff that finds nothing, incremental changes, deletions only when turned on and confirmed,
 * and a run through a destination that loses answers and takes smaller batches.
 */
class HiveRoutesIT {

    @TempDir
    Path dir;

    @Test
    void hiveToDlfFirstRunRediffIncrementalAndGatedDeletions() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(cli, "--source", "hive").toString();
            Map<String, String> settings = settings(Path.of(config));

            ok(cli, "load", "-c", config);
            ok(cli, "diff", "-c", config);
            ChildProcesses.Finished apply = ok(cli, "apply", "-c", config);
            assertThat(apply.out()).contains("database").contains("partition");
            assertThat(ok(cli, "verify", "-c", config).out()).contains("Verified: the destination matches.");
            assertSameCatalogs(settings, "hive", "dlf");

            // A second look finds nothing to do.
            ok(cli, "load", "-c", config);
            assertThat(ok(cli, "diff", "-c", config).out()).contains("No differences");

            // Incremental: a new table and a changed one at the source, and nothing else, reach the destination.
            Table template = table(settings, "hive", "sales", "orders").orElseThrow();
            write(settings, "hive", w -> {
                w.createTable(template.toBuilder()
                        .name("orders_it_copy")
                        .storageDescriptor(template.storageDescriptor()
                                .map(sd -> sd.toBuilder()
                                        .location("s3://lakeport-sample-eu-central-1/sales/orders_it_copy")
                                        .build())
                                .orElse(null))
                        .build());
                Map<String, String> parameters = new HashMap<>(template.parameters());
                parameters.put("lakeport.it.touched", "1");
                w.updateTable(template.toBuilder().parameters(parameters).build());
            });
            ok(cli, "load", "-c", config);
            String diff = ok(cli, "diff", "-c", config).out();
            assertThat(diff).contains("hiveNew").containsPattern("table +1 +0 +1");
            ok(cli, "apply", "-c", config);
            ok(cli, "verify", "-c", config);
            assertThat(table(settings, "dlf", "sales", "orders_it_copy")).isPresent();
            assertThat(table(settings, "dlf", "sales", "orders").orElseThrow().parameters())
                    .containsEntry("lakeport.it.touched", "1");

            // Deletions: off unless turned on, and then only with the exact count.
            write(settings, "hive", w -> w.deleteTable("sales", "orders_it_copy"));
            ok(cli, "load", "-c", config);
            assertThat(ok(cli, "diff", "-c", config).out()).containsPattern("table +0 +1 +0");
            assertThat(ok(cli, "apply", "-c", config).out()).contains("deletions (dlfNew) skipped");
            assertThat(table(settings, "dlf", "sales", "orders_it_copy"))
                    .as("not deleted without --allow-deletes")
                    .isPresent();
            ChildProcesses.Finished wrongCount =
                    cli.run(CatalogsAtHand.STEP, "apply", "-c", config, "--allow-deletes", "--confirm-deletes", "7");
            assertThat(wrongCount.exitCode()).as(wrongCount.all()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(table(settings, "dlf", "sales", "orders_it_copy"))
                    .as("a wrong count deletes nothing")
                    .isPresent();
            ok(cli, "apply", "-c", config, "--allow-deletes", "--confirm-deletes", "1");
            assertThat(table(settings, "dlf", "sales", "orders_it_copy")).isEmpty();
            ok(cli, "verify", "-c", config);
            assertSameCatalogs(settings, "hive", "dlf");
        }
    }

    @Test
    void glueToHiveFirstRunRediffIncrementalAndGatedDeletions() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(cli, "--destination", "hive").toString();
            Map<String, String> settings = settings(Path.of(config));

            ChildProcesses.Finished migrate = ok(cli, "migrate", "-c", config);
            assertThat(migrate.out()).contains("glueNew");
            assertSameCatalogs(settings, "glue", "hive");

            ok(cli, "load", "-c", config);
            assertThat(ok(cli, "diff", "-c", config).out()).contains("No differences");

            Table orders = table(settings, "glue", "sales", "orders").orElseThrow();
            Map<String, String> parameters = new HashMap<>(orders.parameters());
            parameters.put("lakeport.it.touched", "2");
            write(
                    settings,
                    "glue",
                    w -> w.updateTable(orders.toBuilder().parameters(parameters).build()));
            assertThat(ok(cli, "migrate", "-c", config).out()).containsPattern("table +0 +0 +1");
            assertThat(table(settings, "hive", "sales", "orders").orElseThrow().parameters())
                    .containsEntry("lakeport.it.touched", "2");
            assertSameCatalogs(settings, "glue", "hive");

            // A table gone from Glue stays in the metastore until deletions are turned on and counted.
            assertThat(table(settings, "hive", "sales", "products")).isPresent();
            write(settings, "glue", w -> w.deleteTable("sales", "products"));
            ChildProcesses.Finished kept = cli.run(CatalogsAtHand.STEP, "migrate", "-c", config);
            assertThat(kept.exitCode()).as(kept.all()).isEqualTo(ExitCode.ITEMS_FAILED);
            assertThat(kept.out()).contains("deletions (hiveNew) skipped").containsPattern("table +0 +1 +0");
            assertThat(table(settings, "hive", "sales", "products")).isPresent();
            ok(cli, "apply", "-c", config, "--allow-deletes", "--confirm-deletes", "1");
            assertThat(table(settings, "hive", "sales", "products")).isEmpty();
            assertThat(ok(cli, "verify", "-c", config).out()).contains("Verified: the destination matches.");
            assertSameCatalogs(settings, "glue", "hive");
        }
    }

    @Test
    void hiveToDlfThroughADestinationThatLosesAnswersAndTakesSmallerBatchesConverges() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(
                            cli,
                            "--source",
                            "hive",
                            "--lose-responses",
                            "0.1",
                            "--error-rate",
                            "0.05",
                            "--max-batch-size",
                            "30")
                    .toString();
            Map<String, String> settings = settings(Path.of(config));

            int exit = -1;
            for (int attempt = 0; attempt < 4 && exit != ExitCode.OK; attempt++) {
                ChildProcesses.Finished run = cli.run(CatalogsAtHand.STEP, "migrate", "-c", config);
                assertThat(run.exitCode())
                        .as("a run either converges or reports failed items: %s", run.all())
                        .isIn(ExitCode.OK, ExitCode.ITEMS_FAILED);
                exit = run.exitCode();
            }
            assertThat(exit).as("converged within four runs").isEqualTo(ExitCode.OK);
            assertSameCatalogs(settings, "hive", "dlf");
        }
    }

    @Test
    void theSampleRunsOnEveryRouteAndRefusesAnUnknownOne() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            for (String route : java.util.List.of("hive-to-dlf", "glue-to-hive")) {
                Path sampleDir = dir.resolve(route);
                ChildProcesses.Finished sample = cli.run(
                        CatalogsAtHand.STEP,
                        "sample",
                        "--route",
                        route,
                        "--partitions",
                        "300",
                        "--dir",
                        sampleDir.toString());
                assertThat(sample.exitCode()).as(sample.all()).isZero();
                assertThat(sample.out())
                        .contains("Started a Hive Metastore at thrift://127.0.0.1:")
                        .contains(route.startsWith("hive") ? "hiveNew" : "glueNew")
                        .contains("Verified: the destination matches the mapped source.");
                assertThat(sampleDir.resolve("reports/diff.html")).isNotEmptyFile();
                assertThat(Files.readString(sampleDir.resolve("application.properties")))
                        .contains(
                                route.startsWith("hive")
                                        ? "lakeport.source.type=hive"
                                        : "lakeport.destination.type=hive");
            }
            ChildProcesses.Finished unknown = cli.run(CatalogsAtHand.STEP, "sample", "--route", "hive-to-oracle");
            assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(unknown.err())
                    .contains(
                            "--route hive-to-oracle: the sample offers glue-to-dlf, hive-to-dlf, glue-to-hive and hive-to-maxcompute");
            assertThat(dir.resolve("lakeport-sample")).doesNotExist();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Path startEmulators(ChildProcesses cli, String... options) {
        String[] all = Stream.concat(
                        Stream.of(options), Stream.of("--hive-port", String.valueOf(ChildProcesses.freePort())))
                .toArray(String[]::new);
        return cli.startEmulators(300, all);
    }

    /** Databases, tables and each table's partition count at both ends (Hive's empty {@code default} aside). */
    private static void assertSameCatalogs(Map<String, String> settings, String source, String destination) {
        assertThat(inventory(settings, destination)).isEqualTo(inventory(settings, source));
    }

    private static Map<String, Long> inventory(Map<String, String> settings, String kind) {
        return read(settings, kind, r -> {
            Map<String, Long> out = new TreeMap<>();
            try (Stream<Database> databases = r.databases()) {
                for (Database d : databases.toList()) {
                    out.put(d.name(), -1L);
                    try (Stream<Table> tables = r.tables(d.name())) {
                        for (Table t : tables.toList()) {
                            try (var partitions = r.partitions(t, Optional.empty())) {
                                out.put(d.name() + "." + t.name(), partitions.count());
                            }
                        }
                    }
                }
            }
            return out;
        });
    }
}
