package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The command line as a user meets it, on the local emulators: a whole migration; every kind of bad input answered
 * with a clear message and an exit code, and nothing changed; and no credential in any file Lakeport writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineIT {
    /** Distinctive so that a leak is found wherever it lands. */
    static final String AWS_SECRET = "wJalrXUtnFEMI-K7MDENG-leakcheck-7f3b";

    static final String ALIYUN_SECRET = "aliyunSecret-leakcheck-91c2";
    static final String AWS_KEY_ID = "AKIDLEAKCHECK0123456";
    static final String ALIYUN_KEY_ID = "LTAKLEAKCHECK98765";

    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private DlfEmulator dlf;
    private Path logDir;

    @BeforeAll
    void start() throws Exception {
        logDir = dir.resolve("logs");
        // The product's own logging configuration (file log at INFO), not the quiet test one.
        System.setProperty("LAKEPORT_LOG_DIR", logDir.toString());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CommandLineIT.class.getResource("/logback.xml"));
        context.getLogger("dev.lakeport").setLevel(ch.qos.logback.classic.Level.DEBUG);

        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        SampleCatalog.generate(glue.store(), new SampleCatalog.Options(11L, 2_000, "eu-central-1"));
    }

    @AfterAll
    void stop() {
        glue.close();
        dlf.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("aws.accessKeyId", AWS_KEY_ID);
        s.put("aws.secretAccessKey", AWS_SECRET);
        s.put("aws.region", "eu-central-1");
        s.put("aws.catalogId", "123456789012");
        s.put("mode", "increment");
        s.put("comparePartition", "true");
        s.put("aliyun.accessKeyId", ALIYUN_KEY_ID);
        s.put("aliyun.secretAccessKey", ALIYUN_SECRET);
        s.put("aliyun.region", "eu-central-1");
        s.put("aliyun.endpoint", dlf.endpoint());
        s.put("aliyun.catalogId", dlf.catalogId());
        s.put(
                "location.convertMap",
                "{\"s3://lakeport-sample-eu-central-1/\":\"oss://lakeport-sample-eu-central-1/\"}");
        s.put("result.output.path", dir.resolve("results").toString());
        s.put("lakeport.aws.endpoint", glue.endpoint().toString());
        s.put("lakeport.aliyun.protocol", "HTTP");
        return s;
    }

    Path write(String name, Map<String, String> settings) throws IOException {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) ->
                sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, sb.toString());
        return file;
    }

    String project(String name) {
        return dir.resolve(name + ".lakeport").toString();
    }

    @Test
    @Order(1)
    void migrateRunsTheWholeJobAndASecondRunFindsNothingToDo() throws Exception {
        Path config = write("main", settings());
        Path html = dir.resolve("reports/diff.html");
        CliRunner.Result first = CliRunner.run(
                "migrate", "--config", config.toString(), "--project", project("main"), "--html", html.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Verified: the destination matches the mapped source.");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("glueNew");
        assertThat(dlf.store().partitionCount()).isEqualTo(glue.store().partitionCount());

        CliRunner.Result second = CliRunner.run("migrate", "--config", config.toString(), "--project", project("main"));
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("No differences");

        // The project alone repeats a step: settings are stored, credentials are not (the emulators accept any key).
        CliRunner.Result fromProject = CliRunner.run(
                "report",
                "--project",
                project("main"),
                "--csv",
                dir.resolve("reports/diff.csv").toString());
        assertThat(fromProject.exitCode()).as(fromProject.all()).isZero();
        assertThat(dir.resolve("reports/diff.csv")).exists();

        // Without options, report lists the stored runs as tables a person reads, not as Java records.
        CliRunner.Result list = CliRunner.run("report", "--project", project("main"));
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out())
                .contains("Diff runs", "Apply runs", "Status", "COMPLETE", "finished", "not run")
                .doesNotContain("ResultRunInfo[", "Optional[");
        // The summary names the run's own log file.
        assertThat(first.out()).containsPattern("Log file: +\\S+\\.log");
    }

    Stream<Arguments> badInput() {
        return Stream.of(
                bad("no configuration", Map.of(), List.of("load"), 2, "give --config"),
                bad(
                        "config file missing",
                        null,
                        List.of("load", "--config", "/nonexistent/app.properties"),
                        2,
                        "no such file"),
                bad("region missing", Map.of("aws.region", ""), List.of("load"), 2, "aws.region"),
                bad(
                        "convertMap not JSON",
                        Map.of("location.convertMap", "{s3://a/:oss://b/}"),
                        List.of("load"),
                        2,
                        "location.convertMap"),
                bad(
                        "convertMap value not a string",
                        Map.of("location.convertMap", "{\"s3://a/\": 3}"),
                        List.of("load"),
                        2,
                        "location.convertMap"),
                bad(
                        "convertMap empty key",
                        Map.of("location.convertMap", "{\"\": \"oss://b/\"}"),
                        List.of("load"),
                        2,
                        "location.convertMap"),
                bad(
                        "partition filter cut short",
                        Map.of("aws.partition.filter.sales.orders", "dt>="),
                        List.of("load"),
                        2,
                        "aws.partition.filter.sales.orders"),
                bad(
                        "partition filter unknown operator",
                        Map.of("aws.partition.filter.sales.orders", "dt => '2024'"),
                        List.of("load"),
                        2,
                        "position"),
                bad(
                        "segments out of range",
                        Map.of("lakeport.glue.segments", "11"),
                        List.of("load"),
                        2,
                        "lakeport.glue.segments"),
                bad(
                        "comparePartition not boolean",
                        Map.of("comparePartition", "maybe"),
                        List.of("load"),
                        2,
                        "comparePartition"),
                bad(
                        "concurrency zero",
                        Map.of("lakeport.concurrency", "0"),
                        List.of("load"),
                        2,
                        "lakeport.concurrency"),
                bad("unknown mode", Map.of("mode", "full"), List.of("load"), 2, "mode"),
                bad(
                        "destination endpoint missing",
                        Map.of("aliyun.endpoint", ""),
                        List.of("load"),
                        2,
                        "aliyun.endpoint"),
                bad(
                        "source endpoint not a URI",
                        Map.of("lakeport.aws.endpoint", "http://exa mple"),
                        List.of("load"),
                        2,
                        "lakeport.aws.endpoint"),
                bad("half a key pair", Map.of("aws.secretAccessKey", ""), List.of("load"), 2, "aws."),
                bad(
                        "seed placeholder left in",
                        Map.of("aws.catalogId", "<your-aws-catalog-id>"),
                        List.of("load"),
                        2,
                        "aws.catalogId"),
                bad(
                        "remote result path",
                        Map.of("result.output.path", "oss://bucket/logs/"),
                        List.of("migrate"),
                        2,
                        "Spark"),
                bad("unknown option", Map.of(), List.of("load", "--no-such-option"), 2, "--no-such-option"),
                bad("deletions without a count", Map.of(), List.of("apply", "--allow-deletes"), 2, "confirm"),
                bad("apply before any diff", Map.of(), List.of("apply"), 2, "lakeport-cli diff"),
                bad(
                        "failed-items file missing",
                        Map.of(),
                        List.of("diff", "--failed-items", "/nonexistent/failed.jsonl"),
                        2,
                        "failed.jsonl"));
    }

    private static Arguments bad(
            String name, Map<String, String> overrides, List<String> args, int code, String message) {
        return Arguments.of(name, overrides, args, code, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @Order(2)
    void badInputGetsAClearErrorAndChangesNothing(
            String name, Map<String, String> overrides, List<String> args, int code, String message) throws Exception {
        List<String> command = new ArrayList<>(args);
        String projectName = "bad-" + name.replace(' ', '-');
        if (overrides != null
                && !args.contains("--config")
                && !(args.size() == 1 && args.get(0).equals("load") && overrides.isEmpty())) {
            Map<String, String> s = settings();
            s.putAll(overrides);
            command.addAll(List.of("--config", write(projectName, s).toString(), "--project", project(projectName)));
        }
        long partitions = dlf.store().partitionCount();
        int databases = dlf.store().databaseCount();

        CliRunner.Result result = CliRunner.run(command.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(code);
        assertThat(result.err()).as(result.all()).contains(message);
        assertThat(result.err())
                .doesNotContain("\tat ")
                .doesNotContain(AWS_SECRET)
                .doesNotContain(ALIYUN_SECRET);
        assertThat(dlf.store().partitionCount()).isEqualTo(partitions);
        assertThat(dlf.store().databaseCount()).isEqualTo(databases);
    }

    @Test
    @Order(3)
    void wrongCredentialsAreNamedAndChangeNothing() throws Exception {
        glue.allowAccessKeys("AKIDSOMEONEELSE00001");
        try {
            CliRunner.Result r = CliRunner.run(
                    "load", "--config", write("creds", settings()).toString(), "--project", project("creds"));
            assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
            assertThat(r.err()).contains("INVALID_CREDENTIALS").contains("check the access key pair");
            assertThat(r.err()).doesNotContain(AWS_SECRET);
        } finally {
            glue.allowAccessKeys();
        }
        dlf.allowAccessKeys("LTSOMEONEELSE");
        try {
            CliRunner.Result r = CliRunner.run(
                    "load",
                    "--side",
                    "destination",
                    "--config",
                    write("creds2", settings()).toString(),
                    "--project",
                    project("creds2"));
            assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
            assertThat(r.err()).contains("INVALID_CREDENTIALS");
        } finally {
            dlf.allowAccessKeys();
        }
    }

    @Test
    @Order(4)
    void unreachableEndpointsSayWhichAndChangeNothing() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> s = settings();
        s.put("lakeport.aws.endpoint", "http://127.0.0.1:" + closed);
        CliRunner.Result r = CliRunner.run("load", "--config", write("net", s).toString(), "--project", project("net"));
        assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
        assertThat(r.err()).contains("NETWORK").contains("127.0.0.1:" + closed);

        Map<String, String> d = settings();
        d.put("aliyun.endpoint", "127.0.0.1:" + closed);
        CliRunner.Result r2 = CliRunner.run(
                "load", "--side", "destination", "--config", write("net2", d).toString(), "--project", project("net2"));
        assertThat(r2.exitCode()).as(r2.all()).isEqualTo(4);
        assertThat(r2.err()).contains("NETWORK");
    }

    @Test
    @Order(5)
    void aCorruptProjectIsRefusedAndLeftUntouched() throws Exception {
        Path corrupt = dir.resolve("corrupt.lakeport.mv.db");
        byte[] garbage = "this is not an H2 database".getBytes(StandardCharsets.UTF_8);
        Files.write(corrupt, garbage);
        CliRunner.Result r = CliRunner.run(
                "diff", "--config", write("corrupt", settings()).toString(), "--project", corrupt.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("corrupt.lakeport.mv.db");
        assertThat(Files.readAllBytes(corrupt)).isEqualTo(garbage);
    }

    @Test
    @Order(6)
    void deletionsNeedTheExactCountAndHappenOnlyThen() throws Exception {
        ObjectNode stale =
                new ObjectMapper().createObjectNode().put("Name", "stale_db").put("LocationUri", "oss://old/stale/");
        dlf.store().putDatabase(stale);
        Path config = write("main", settings());
        assertThat(CliRunner.run("load", "--config", config.toString(), "--project", project("main"))
                        .exitCode())
                .isZero();
        assertThat(CliRunner.run("diff", "--config", config.toString(), "--project", project("main"))
                        .exitCode())
                .isZero();

        CliRunner.Result wrong = CliRunner.run(
                "apply",
                "--config",
                config.toString(),
                "--project",
                project("main"),
                "--allow-deletes",
                "--confirm-deletes",
                "5");
        assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(2);
        assertThat(wrong.err()).contains("1");
        assertThat(dlf.store().database("stale_db")).isPresent();

        // A confirmation without the switch it confirms is refused, not silently ignored.
        CliRunner.Result confirmOnly = CliRunner.run(
                "apply", "--config", config.toString(), "--project", project("main"), "--confirm-deletes", "1");
        assertThat(confirmOnly.exitCode()).as(confirmOnly.all()).isEqualTo(2);
        assertThat(confirmOnly.err()).contains("--confirm-deletes 1", "--allow-deletes", "nothing was changed");
        assertThat(dlf.store().database("stale_db")).isPresent();

        CliRunner.Result off = CliRunner.run("apply", "--config", config.toString(), "--project", project("main"));
        assertThat(off.exitCode()).as(off.all()).isZero();
        assertThat(off.out()).contains("deletions (dlfNew) skipped");
        assertThat(dlf.store().database("stale_db")).isPresent();

        CliRunner.Result right = CliRunner.run(
                "apply",
                "--config",
                config.toString(),
                "--project",
                project("main"),
                "--allow-deletes",
                "--confirm-deletes",
                "1");
        assertThat(right.exitCode()).as(right.all()).isZero();
        assertThat(dlf.store().database("stale_db")).isEmpty();
    }

    @Test
    @Order(7)
    void noCredentialReachesAnyFileLakeportWrote() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".properties"))
                    .toList();
        }
        assertThat(files)
                .as("project files, logs, result logs and reports were written")
                .anyMatch(p -> p.toString().endsWith(".mv.db"))
                .anyMatch(p -> p.startsWith(logDir))
                .anyMatch(p -> p.toString().endsWith(".jsonl"))
                .anyMatch(p -> p.toString().endsWith(".html"));
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : List.of(AWS_SECRET, ALIYUN_SECRET, AWS_KEY_ID, ALIYUN_KEY_ID)) {
                assertThat(content).as("%s holds a credential", file).doesNotContain(secret);
            }
        }
        // The stored settings are readable and hold no credential keys at all.
        Properties stored = dev.lakeport.pipeline.Migration.storedSettings(
                ProjectOptions.projectDatabaseFile(Path.of(project("main"))));
        assertThat(stored.stringPropertyNames())
                .isNotEmpty()
                .noneMatch(k ->
                        k.toLowerCase().contains("secret") || k.toLowerCase().contains("accesskeyid"));
        assertThat(Arrays.toString(stored.values().toArray()))
                .doesNotContain(AWS_SECRET)
                .doesNotContain(ALIYUN_SECRET);
    }

    @Test
    @Order(90)
    void submitRefusesWhatItCannotRunAndSubmitsNothing() throws Exception {
        Path config = write("submit", settings());
        long partitions = dlf.store().partitionCount();

        CliRunner.Result neither = CliRunner.run("submit", "--config", config.toString(), "--project", project("s"));
        assertThat(neither.exitCode()).as(neither.all()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(neither.err()).contains("--profile NAME").contains("--target KIND");

        CliRunner.Result unknown =
                CliRunner.run("submit", "--config", config.toString(), "--project", project("s"), "--profile", "emr");
        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknown.err()).contains("no cluster profile emr").contains("saved: none");

        CliRunner.Result unfollowed =
                CliRunner.run("submit", "--config", config.toString(), "--project", project("s"), "--target", "local");
        assertThat(unfollowed.exitCode()).as(unfollowed.all()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unfollowed.err()).contains("add --follow").contains("nothing was submitted");

        CliRunner.Result noSpark = CliRunner.run(
                "submit", "--config", config.toString(), "--project", project("s"), "--target", "local", "--follow");
        assertThat(noSpark.exitCode()).as(noSpark.all()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noSpark.err()).contains("cannot submit to command-line");

        CliRunner.Result badTarget =
                CliRunner.run("submit", "--config", config.toString(), "--project", project("s"), "--target", "yarn");
        assertThat(badTarget.exitCode()).as(badTarget.all()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(badTarget.err()).contains("'yarn' is not a target");

        Path oldClient = Files.createDirectories(dir.resolve("spark-3.4.2-odps0.48.0/bin"))
                .getParent();
        Files.writeString(oldClient.resolve("RELEASE"), "Spark 3.4.2 built for Hadoop 3.3.1\n");
        Path submit = Files.writeString(oldClient.resolve("bin/spark-submit"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(submit, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        CliRunner.Result oldOdps = CliRunner.run(
                "submit",
                "--config",
                config.toString(),
                "--project",
                project("s"),
                "--target",
                "maxcompute-spark",
                "--spark-home",
                oldClient.toString(),
                "--odps-project",
                "lake",
                "--odps-endpoint",
                "https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                "--follow");
        assertThat(oldOdps.exitCode()).as(oldOdps.all()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(oldOdps.err())
                .contains("cannot submit to command-line")
                .contains("is Spark 3.4")
                .contains("the job needs Spark 3.5 (and Java 17)");

        assertThat(dlf.store().partitionCount()).isEqualTo(partitions);
        for (CliRunner.Result r : List.of(neither, unknown, unfollowed, noSpark, badTarget, oldOdps)) {
            assertThat(r.all()).doesNotContain(AWS_SECRET).doesNotContain(ALIYUN_SECRET);
        }
    }

    @Test
    @Order(30)
    void anExclusionRuleHoldsForEveryLaterStepAndVerifySaysWhatItLeavesOut() throws Exception {
        try (DlfEmulator destination = DlfEmulator.start()) {
            Map<String, String> s = settings();
            s.put("aliyun.endpoint", destination.endpoint());
            s.put("aliyun.catalogId", destination.catalogId());
            Path config = write("excluded", s);
            String project = project("excluded");
            CliRunner.Result load = CliRunner.run("load", "--config", config.toString(), "--project", project);
            assertThat(load.exitCode()).as(load.all()).isZero();

            CliRunner.Result add = CliRunner.run("exclude", "add", "sales.orders", "--project", project);
            assertThat(add.exitCode()).as(add.all()).isZero();
            assertThat(add.out()).contains("Excluded table sales.orders");
            CliRunner.Result bad = CliRunner.run("exclude", "add", "sales.", "--project", project);
            assertThat(bad.exitCode()).as(bad.all()).isEqualTo(2);
            assertThat(bad.err()).contains("sales.");
            CliRunner.Result list = CliRunner.run("exclude", "list", "--project", project);
            assertThat(list.out()).contains("Exclusion rules (1):").contains("table sales.orders");

            // Each step its own command, as a user runs them
            CliRunner.Result diff = CliRunner.run("diff", "--config", config.toString(), "--project", project);
            assertThat(diff.exitCode()).as(diff.all()).isZero();
            long orders = glue.store().partitionCount("sales", "orders");
            assertThat(diff.out())
                    .contains("Exclusion rules (1): table sales.orders")
                    .contains(String.format("%,d of them excluded by you", orders + 1));
            CliRunner.Result apply = CliRunner.run("apply", "--config", config.toString(), "--project", project);
            assertThat(apply.exitCode()).as(apply.all()).isZero();
            CliRunner.Result verify = CliRunner.run("verify", "--config", config.toString(), "--project", project);
            assertThat(verify.exitCode()).as(verify.all()).isZero();
            assertThat(verify.out())
                    .contains(String.format("Differences remain: %,d, all excluded by you.", orders + 1))
                    .contains("Verified: the destination matches, except");

            assertThat(destination.store().table("sales", "orders")).isEmpty();
            assertThat(destination.store().partitionCount())
                    .isEqualTo(glue.store().partitionCount() - orders);
            for (String db : glue.store().databaseNames()) {
                for (String t : glue.store().tableNames(db)) {
                    boolean excluded = db.equals("sales") && t.equals("orders");
                    assertThat(destination.store().table(db, t).isPresent())
                            .as("%s.%s", db, t)
                            .isEqualTo(!excluded);
                }
            }

            // Removed, the rule no longer holds: the next diff has the table's differences to apply
            CliRunner.Result remove = CliRunner.run("exclude", "remove", "sales.orders", "--project", project);
            assertThat(remove.out()).contains("no longer excluded").contains("No exclusion rules");
            CliRunner.Result again = CliRunner.run("diff", "--config", config.toString(), "--project", project);
            assertThat(again.out()).doesNotContain("excluded by you");
        }
    }

    @Test
    @Order(31)
    void diffSaysWhenTheScopeIsWiderThanWhatWasLoaded() throws Exception {
        Map<String, String> narrow = settings();
        narrow.put("aws.databases", "sales");
        Path narrowConfig = write("narrow", narrow);
        Map<String, String> wide = settings();
        wide.put("aws.databases", "sales,finance");
        Path wideConfig = write("wide", wide);
        String project = project("widened");
        CliRunner.Result load = CliRunner.run("load", "--config", narrowConfig.toString(), "--project", project);
        assertThat(load.exitCode()).as(load.all()).isZero();
        CliRunner.Result same = CliRunner.run("diff", "--config", narrowConfig.toString(), "--project", project);
        assertThat(same.out()).doesNotContain("narrower scope");
        CliRunner.Result widened = CliRunner.run("diff", "--config", wideConfig.toString(), "--project", project);
        assertThat(widened.exitCode()).as(widened.all()).isZero();
        assertThat(widened.out())
                .contains("The snapshot was loaded with a narrower scope: database finance added; run load");
    }

    @Test
    @Order(80)
    void diffRefusesASnapshotWhoseDestinationLoadDidNotFinish() throws Exception {
        Path config = write("partial", settings());
        assertThat(CliRunner.run("load", "--config", config.toString(), "--project", project("partial"))
                        .exitCode())
                .isZero();
        // A load of the destination starts again and is stopped before it finishes (as a kill leaves it).
        Path file = ProjectOptions.projectDatabaseFile(Path.of(project("partial")));
        try (var store = dev.lakeport.snapshot.SnapshotStore.open(file)) {
            store.beginLoad(
                            dev.lakeport.snapshot.Side.DESTINATION,
                            dev.lakeport.snapshot.LoadOrigin.of("dlf", dlf.endpoint(), dlf.catalogId()))
                    .close();
        }

        CliRunner.Result diff = CliRunner.run("diff", "--config", config.toString(), "--project", project("partial"));

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(2);
        assertThat(diff.err()).contains("destination (DLF)", "did not finish", "load --side destination");
        assertThat(diff.out()).doesNotContain("No differences");
    }

    @Test
    @Order(85)
    void verifySaysWhichFailedItemsALaterRunResolvedAndExitsByTheFinalState() throws Exception {
        try (DlfEmulator fresh = DlfEmulator.start()) {
            Map<String, String> s = settings();
            s.put("aliyun.endpoint", fresh.endpoint());
            s.put("aliyun.catalogId", fresh.catalogId());
            s.put("aws.databases", "staging");
            Path config = write("resolved", s);
            String project = project("resolved");
            assertThat(CliRunner.run("load", "--config", config.toString(), "--project", project)
                            .exitCode())
                    .isZero();
            assertThat(CliRunner.run("diff", "--config", config.toString(), "--project", project)
                            .exitCode())
                    .isZero();

            fresh.faults().throttleRate(1.0); // every call throttled: the run fails
            CliRunner.Result failed = CliRunner.run("apply", "--config", config.toString(), "--project", project);
            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            assertThat(failed.out()).contains("Failed items:");

            fresh.faults().reset(); // another run (here, from another project) puts the objects in place
            CliRunner.Result other =
                    CliRunner.run("migrate", "--config", config.toString(), "--project", project("resolved-elsewhere"));
            assertThat(other.exitCode()).as(other.all()).isZero();

            CliRunner.Result verify = CliRunner.run("verify", "--config", config.toString(), "--project", project);
            assertThat(verify.exitCode()).as(verify.all()).isZero();
            assertThat(verify.out())
                    .contains("Verified: the destination matches.")
                    .containsPattern("had [0-9,]+ failed items; verify found all of them as intended at the"
                            + " destination: none remain");
        }
    }
}
