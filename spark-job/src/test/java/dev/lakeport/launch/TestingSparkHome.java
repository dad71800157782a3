package dev.lakeport.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A Spark installation made of this test JVM's classpath, built once per JVM: {@code jars/} links every Spark jar of
 * the classpath (Lakeport's own are left out: the job brings them in its shaded jar; so is {@code spark-avro}, which
 * Spark's distributions do not hold either, so that the job's own copy is what reads Avro), {@code bin/spark-submit} runs
 * Spark's {@code SparkSubmit} with Java 17's opens ({@code lakeport.sparkOpens}), {@code conf/} quiets Spark's log.
 */
public final class TestingSparkHome {
    private static Path home;

    private TestingSparkHome() {}

    public static synchronized Path get() {
        if (home == null) {
            try {
                home = build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return home;
    }

    private static Path build() throws IOException {
        Path dir = Files.createTempDirectory("lakeport-spark-home");
        Path jars = Files.createDirectories(dir.resolve("jars"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar")
                    || name.startsWith("lakeport-")
                    || name.startsWith("spark-avro_")
                    || !Files.isRegularFile(jar)) {
                continue;
            }
            Path link = jars.resolve(name);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        Files.writeString(
                conf.resolve("log4j2.properties"),
                """
                rootLogger.level = warn
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
                logger.lakeport.name = dev.lakeport
                logger.lakeport.level = info
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String opens =
                Objects.requireNonNull(System.getProperty("lakeport.sparkOpens"), "lakeport.sparkOpens is not set");
        Path submit = bin.resolve("spark-submit");
        Files.writeString(
                submit,
                """
                #!/bin/bash
                SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd)"
                exec '%s' %s -Xmx768m -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit "$@"
                """
                        .formatted(java, opens));
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
