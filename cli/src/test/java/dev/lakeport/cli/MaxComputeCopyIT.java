package dev.lakeport.cli;

import static dev.lakeport.cli.CatalogsAtHand.ok;
import static dev.lakeport.cli.CatalogsAtHand.read;
import static dev.lakeport.cli.CatalogsAtHand.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.copy.PartitionCounts;
import dev.lakeport.localcopy.SourceCount;
import dev.lakeport.localcopy.TableFiles;
import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive Metastore -> MaxCompute with data, as a user runs it: every command in a process of its own, the metastore and
 * the MaxCompute emulator in another, the sample's data files on this computer. What reached MaxCompute is read back
 * through the Tunnel and compared, partition by partition, with a count of the source's files.
 */
class MaxComputeCopyIT {
    private static final String PROJECT = "lakeport_sample";

    @TempDir
    Path dir;

    @Test
    void aDatabaseIsCopiedVerifiedReportedAndASecondCopyChangesNothing() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(cli).toString();
            Map<String, String> settings = settings(Path.of(config));
            ok(cli, "load", "-c", config);

            String copy = ok(
                            cli,
                            "copy",
                            "-c",
                            config,
                            "--database",
                            PROJECT + ".sales",
                            "--max-partitions",
                            "10",
                            "--html",
                            "verification.html",
                            "--csv",
                            "verification.csv",
                            "--json",
                            "verification.json")
                    .out();
            assertThat(copy).contains("Job 1: copy lakeport_sample.sales, both").contains(", 0 failed, 0 pending.");
            assertThat(copy)
                    .containsPattern("Rows: source ([\\d,]+), written \\1, destination \\1; [\\d,]+ partitions"
                            + " verified, 0 disagree\\.");
            Map<String, Long> first = assertSameRows(settings, "sales");
            assertThat(first.keySet())
                    .as("Hive's default partition is copied")
                    .anyMatch(k -> k.startsWith("orders/") && k.contains(TableFiles.DEFAULT_PARTITION));

            List<String> csv = Files.readAllLines(dir.resolve("verification.csv"));
            assertThat(csv.get(0)).startsWith("database,table,partition,taskId,taskState,sourceRows");
            assertThat(csv.subList(1, csv.size()))
                    .hasSize(first.size())
                    .allSatisfy(line -> assertThat(line).contains(",succeeded,").contains(",true,"));
            assertThat(Files.readString(dir.resolve("verification.html"))).contains("verified");
            assertThat(Files.readString(dir.resolve("verification.json"))).contains("\"passed\":true");

            // The same copy again replaces each partition's rows: nothing is added.
            assertThat(ok(cli, "copy", "-c", config, "--table", PROJECT + ".sales.orders")
                            .out())
                    .contains(", 0 failed, 0 pending.");
            assertThat(assertSameRows(settings, "sales")).isEqualTo(first);

            String tasks = ok(cli, "tasks", "-c", config, "--job", "1").out();
            assertThat(tasks).contains("Job 1: copy lakeport_sample.sales").doesNotContain("failed  ");

            // The Spark job's way: tables and partitions created here, the data planned for the job jar.
            String spark = ok(
                            cli, "copy", "-c", config, "--database", PROJECT + ".finance", "--spark-plan", "plan.json")
                    .out();
            assertThat(spark)
                    .contains("(metadata)")
                    .contains("data tasks for the Spark job")
                    .contains("a Delta table: its data is not copied yet");
            com.fasterxml.jackson.databind.JsonNode plan = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dir.resolve("plan.json").toFile());
            assertThat(plan.get("tasks").size()).as("tasks in the copy plan").isPositive();
            assertThat(ok(cli, "tasks", "-c", config).out())
                    .containsPattern("copy lakeport_sample.finance \\(data, Spark\\) +data +[1-9]\\d* pending");
            java.util.Optional<Table> invoices =
                    read(settings, "maxcompute", r -> r.table(PROJECT + ".finance", "invoices"));
            assertThat(invoices)
                    .as("the metadata job created the tables the Spark job writes into")
                    .isPresent();
        }
    }

    @Test
    void aCopyKilledMidJobResumesWithNothingLostOrDuplicated() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(cli).toString();
            Map<String, String> settings = settings(Path.of(config));
            ok(cli, "load", "-c", config);

            ChildProcesses.Running copy = cli.start(
                    "copy",
                    "-c",
                    config,
                    "--database",
                    PROJECT + ".web_logs",
                    "--max-partitions",
                    "2",
                    "--tasks-at-once",
                    "1");
            ChildProcesses.waitFor(
                    Duration.ofMinutes(3),
                    () -> copy.output().contains("] ") && copy.output().contains("[2/") || !copy.process.isAlive(),
                    "two tasks to end");
            assertThat(copy.process.isAlive()).as(copy.output()).isTrue();
            copy.process.destroyForcibly().waitFor();

            String resumed = ok(cli, "copy", "-c", config, "--resume").out();
            assertThat(resumed).contains(", 0 failed, 0 pending.").contains(" 0 disagree.");
            assertSameRows(settings, "web_logs");
            String tasks = ok(cli, "tasks", "-c", config, "--job", "1").out();
            assertThat(tasks)
                    .doesNotContain(" pending ")
                    .doesNotContain(" running ")
                    .doesNotContain(" failed ");
        }
    }

    /**
     * {@code copy --spark-profile}: the data copied by the Spark job on a profile saved in the project, here a
     * spark-submit profile with master {@code local[2]} (the driver on this computer, so its result file is read here
     * and imported at once). Needs the job jar and the Spark classpath the spark-job module's build writes.
     */
    @Test
    void aCopyOnASavedSparkProfileIsSubmittedFollowedAndImportedAndEveryPartitionEqualsItsFiles() throws Exception {
        Path jobJar =
                Path.of("..", "spark-job", "target", "lakeport-spark-job.jar").toAbsolutePath();
        Path sparkClasspath =
                Path.of("..", "spark-job", "target", "spark-classpath.txt").toAbsolutePath();
        assertThat(jobJar).as("the job jar (package spark-job first)").isRegularFile();
        assertThat(sparkClasspath)
                .as("the Spark classpath (package spark-job first)")
                .isRegularFile();
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            Path config = startEmulators(cli);
            Path sparkHome = sparkHome(sparkClasspath);
            Files.writeString(
                    config,
                    "\nlakeport.cluster.here.type=spark-submit\n"
                            + "lakeport.cluster.here.sparkHome=" + sparkHome + "\n"
                            + "lakeport.cluster.here.master=local[2]\n"
                            + "lakeport.cluster.here.deployMode=client\n"
                            + "lakeport.cluster.here.conf.spark.ui.enabled=false\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Map<String, String> settings = settings(config);
            ok(cli, "load", "-c", config.toString());

            String[] args = {
                "copy",
                "-c",
                config.toString(),
                "--table",
                PROJECT + ".sales.customers",
                "--table",
                PROJECT + ".sales.returns",
                "--max-partitions",
                "5",
                "--spark-profile",
                "here",
                "--log",
                "--job-jar",
                jobJar.toString()
            };
            ChildProcesses.Finished copy = cli.run(CatalogsAtHand.STEP, args);
            if (copy.exitCode() != 0) {
                String failed = cli.run(CatalogsAtHand.STEP, "tasks", "-c", config.toString(), "--job", "2")
                        .all();
                throw new AssertionError("lakeport-cli " + String.join(" ", args) + " exited with " + copy.exitCode()
                        + "\n" + copy.all() + "\n" + failed);
            }
            String out = copy.out();
            assertThat(out)
                    .contains("(metadata)")
                    .containsPattern("Job 2: [\\d,]+ data tasks, submitted as run \\S+ to here")
                    .contains("Imported the Spark job's run ")
                    .contains("Job 2: 3 succeeded, 0 failed, 0 pending.")
                    .containsPattern("Rows: source ([\\d,]+), written \\1, destination \\1; [\\d,]+ partitions"
                            + " verified, 0 disagree\\.");
            assertThat(copy.err()).as("followed to its end").contains("  job finished");
            assertThat(out + copy.err())
                    .as("no credential in the output or the driver's log")
                    .doesNotContain(settings.get("maxcompute.accessKeySecret"));
            assertThat(copy.err()).doesNotContain("unknown key");
            Map<String, Long> rows =
                    assertSameRows(settings, "sales", t -> t.equals("customers") || t.equals("returns"));
            assertThat(rows.keySet()).contains("customers").anyMatch(k -> k.startsWith("returns/"));

            String tasks =
                    ok(cli, "tasks", "-c", config.toString(), "--job", "2").out();
            assertThat(tasks).doesNotContain(" pending ").doesNotContain(" failed ");
        }
    }

    /** A SPARK_HOME whose spark-submit runs Spark's SparkSubmit from the classpath the spark-job build lists. */
    private Path sparkHome(Path classpathFile) throws java.io.IOException {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(
                home.resolve("conf/log4j2.properties"),
                """
                rootLogger.level = warn
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
                """);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Spark 3.5 on Java 17 needs these (the spark-job module's spark.test.opens)
        String opens = String.join(
                " ",
                List.of(
                                "java.lang",
                                "java.lang.invoke",
                                "java.lang.reflect",
                                "java.io",
                                "java.net",
                                "java.nio",
                                "java.util",
                                "java.util.concurrent",
                                "java.util.concurrent.atomic",
                                "jdk.internal.ref",
                                "sun.nio.ch",
                                "sun.nio.cs",
                                "sun.security.action",
                                "sun.util.calendar")
                        .stream()
                        .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                        .toList());
        Path submit = home.resolve("bin/spark-submit");
        Files.writeString(
                submit,
                """
                #!/bin/bash
                SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd)"
                exec '%s' %s -Djdk.reflect.useDirectMethodHandle=false -Xmx768m \\
                  -cp "$SPARK_HOME/conf:$(cat '%s')" org.apache.spark.deploy.SparkSubmit "$@"
                """
                        .formatted(javaBin, opens, classpathFile));
        Files.setPosixFilePermissions(submit, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return home;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Path startEmulators(ChildProcesses cli) {
        return cli.startEmulators(
                300,
                "--source",
                "hive",
                "--destination",
                "maxcompute",
                "--hive-port",
                String.valueOf(ChildProcesses.freePort()),
                "--maxcompute-port",
                String.valueOf(ChildProcesses.freePort()),
                "--data-dir",
                dir.resolve("sample-data").toString());
    }

    /**
     * Every table of the Hive database that has data files: each partition's rows at MaxCompute (read through a
     * download session) equal a count of its files. Returns the rows per {@code table/partition}.
     */
    private static Map<String, Long> assertSameRows(Map<String, String> settings, String database) throws Exception {
        return assertSameRows(settings, database, name -> true);
    }

    /** {@link #assertSameRows(Map, String)} for the tables whose (lower-case) names {@code which} accepts. */
    private static Map<String, Long> assertSameRows(
            Map<String, String> settings, String database, java.util.function.Predicate<String> which)
            throws Exception {
        Odps odps = new Odps(
                new AliyunAccount(settings.get("maxcompute.accessKeyId"), settings.get("maxcompute.accessKeySecret")));
        odps.setEndpoint(settings.get("maxcompute.endpoint"));
        odps.setDefaultProject(PROJECT);
        TableTunnel tunnel = new TableTunnel(odps);
        Map<String, Long> rows = new TreeMap<>();
        List<Table> tables = read(settings, "hive", r -> {
            try (Stream<Table> s = r.tables(database)) {
                return s.filter(t -> t.viewOriginalText().isEmpty())
                        .filter(t -> which.test(t.name().toLowerCase()))
                        .toList();
            }
        });
        for (Table table : tables) {
            TableFiles files;
            try {
                files = TableFiles.of(table);
                files.format();
            } catch (RuntimeException notCopied) {
                continue; // Iceberg, Hudi, Delta: not read on this computer
            }
            if (table.storageDescriptor()
                    .flatMap(sd -> sd.location())
                    .filter(l -> l.startsWith("file:"))
                    .isEmpty()) {
                continue;
            }
            SourceCount count = SourceCount.of(files);
            String name = table.name().toLowerCase();
            if (table.partitionKeys().isEmpty()) {
                long there = tunnel.createDownloadSession(PROJECT, database, name, false)
                        .getRecordCount();
                assertThat(there).as(name).isEqualTo(count.count());
                rows.put(name, there);
                continue;
            }
            List<Partition> partitions = read(settings, "hive", r -> {
                try (Stream<Partition> s = r.partitions(table, java.util.Optional.empty())) {
                    return s.toList();
                }
            });
            List<String> keys = table.partitionKeys().stream().map(Column::name).toList();
            for (Partition p : partitions) {
                String spec = java.util.stream.IntStream.range(0, keys.size())
                        .mapToObj(i -> keys.get(i) + "='" + p.values().get(i) + "'")
                        .collect(Collectors.joining(","));
                long there = tunnel.createDownloadSession(PROJECT, database, name, new PartitionSpec(spec), false)
                        .getRecordCount();
                String where = name + "/" + PartitionCounts.partitionName(keys, p.values());
                assertThat(there).as(where).isEqualTo(count.count(p));
                rows.put(where, there);
            }
        }
        assertThat(rows).as("tables of " + database + " with data").isNotEmpty();
        return rows;
    }
}
