package dev.lakeport.emulator.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metastore run as its own process, as the sample does: it says where it listens and keeps its catalog. */
class EmbeddedHiveMetastoreTest {

    @Test
    void aSecondProcessOnTheSameDirectorySeesTheCatalog(@TempDir Path dir) throws Exception {
        Process first = start(dir);
        try {
            URI uri = awaitUri(first);
            call(uri, client -> {
                Database db = new Database();
                db.setName("persisted");
                db.setDescription("kept across restarts");
                db.setLocationUri("s3://sample-bucket/persisted");
                db.setParameters(new java.util.HashMap<>());
                client.create_database(db);
                return null;
            });
        } finally {
            stop(first);
        }

        Process second = start(dir);
        try {
            URI uri = awaitUri(second);
            Database read = call(uri, client -> client.get_database("persisted"));
            assertThat(read.getDescription()).isEqualTo("kept across restarts");
            assertThat(read.getLocationUri()).isEqualTo("s3://sample-bucket/persisted");
        } finally {
            stop(second);
        }
    }

    private static Process start(Path dir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmbeddedHiveMetastore.class.getName());
        command.add("--port");
        command.add("0");
        command.add("--dir");
        command.add(dir.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The first line that is a thrift URI; the metastore's own log lines come before it. */
    private static URI awaitUri(Process process) throws Exception {
        CompletableFuture<URI> uri = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                URI found = null;
                while ((line = out.readLine()) != null) {
                    if (found == null && line.startsWith("thrift://")) {
                        found = URI.create(line.trim());
                        return found;
                    }
                }
                throw new IllegalStateException("the metastore process ended without printing its URI");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return uri.get(180, TimeUnit.SECONDS);
    }

    private interface ThriftCall<T> {
        T call(ThriftHiveMetastore.Client client) throws Exception;
    }

    private static <T> T call(URI uri, ThriftCall<T> call) throws Exception {
        TSocket socket = new TSocket(uri.getHost(), uri.getPort(), 30_000);
        socket.open();
        try {
            return call.call(new ThriftHiveMetastore.Client(new TBinaryProtocol(socket)));
        } finally {
            socket.close();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
