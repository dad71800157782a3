package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.Side;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Test connection" against the emulators: a count when it works, and each kind of failure named as such. */
class ConnectionProbeTest {
    private static GlueEmulator glue;
    private static DlfEmulator dlf;
    private static SampleCatalog.Summary sample;

    private final ConnectionProbe probe = new ConnectionProbe(Duration.ofSeconds(10));

    @BeforeAll
    static void start() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        sample = SampleCatalog.generate(
                glue.store(), new SampleCatalog.Options(SampleProject.SEED, 50, SampleProject.REGION));
    }

    @AfterAll
    static void stop() {
        glue.close();
        dlf.close();
    }

    private static MigrationConfig config(Consumer<Map<String, String>> change) {
        Map<String, String> settings =
                SampleProject.settings(glue.endpoint().toString(), dlf.endpoint(), dlf.catalogId(), "/tmp/results");
        change.accept(settings);
        return MigrationConfigLoader.fromMap(settings, "test").config();
    }

    private ConnectionProbe.Problem failure(MigrationConfig config, Side side) {
        try {
            probe.probe(config, side, new CancellationToken());
        } catch (ConnectorException e) {
            return ConnectionProbe.Problem.of(e);
        }
        throw new AssertionError("the probe of " + side + " should have failed");
    }

    @Test
    void aWorkingConnectionAnswersWithTheNumberOfDatabases() {
        ConnectionProbe.Result source = probe.probe(config(s -> {}), Side.SOURCE, new CancellationToken());
        assertThat(source.databases()).isEqualTo(sample.databases()).isPositive();
        assertThat(source.endpoint()).isEqualTo(glue.endpoint().toString());

        dlf.store().clear();
        ConnectionProbe.Result destination = probe.probe(config(s -> {}), Side.DESTINATION, new CancellationToken());
        assertThat(destination.databases()).isZero();
        assertThat(destination.endpoint()).isEqualTo("http://" + dlf.endpoint());
    }

    @Test
    void wrongKeysAreInvalidCredentials() {
        String allowed = "AKID" + "ONLYTHISONE0001";
        glue.allowAccessKeys(allowed);
        dlf.allowAccessKeys("LT" + "ONLYTHISONE0001");
        try {
            MigrationConfig config = config(s -> {});
            assertThat(failure(config, Side.SOURCE)).isEqualTo(ConnectionProbe.Problem.INVALID_CREDENTIALS);
            assertThat(failure(config, Side.DESTINATION)).isEqualTo(ConnectionProbe.Problem.INVALID_CREDENTIALS);

            MigrationConfig right = config(s -> s.put(ConfigKeys.AWS_ACCESS_KEY_ID, allowed));
            assertThat(probe.probe(right, Side.SOURCE, new CancellationToken()).databases())
                    .isEqualTo(sample.databases());
        } finally {
            glue.allowAccessKeys();
            dlf.allowAccessKeys();
        }
    }

    @Test
    void anEndpointWhereNothingListensIsUnreachable() throws IOException {
        int port = unusedPort();
        MigrationConfig config = config(s -> {
            s.put(ConfigKeys.AWS_ENDPOINT, "http://127.0.0.1:" + port);
            s.put(ConfigKeys.ALIYUN_ENDPOINT, "127.0.0.1:" + port);
        });
        long start = System.nanoTime();
        assertThat(failure(config, Side.SOURCE)).isEqualTo(ConnectionProbe.Problem.UNREACHABLE);
        assertThat(failure(config, Side.DESTINATION)).isEqualTo(ConnectionProbe.Problem.UNREACHABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aCatalogIdTheCatalogDoesNotHaveIsNamedAsSuch() {
        MigrationConfig config = config(s -> s.put(ConfigKeys.ALIYUN_CATALOG_ID, "999"));
        assertThat(failure(config, Side.DESTINATION)).isEqualTo(ConnectionProbe.Problem.CATALOG_NOT_FOUND);
    }

    @Test
    void aServerThatIsNotACatalogIsNamedAsSuch() throws IOException {
        HttpServer web = server(404, "text/html", "<html><body>Not Found</body></html>", Map.of());
        try {
            int port = web.getAddress().getPort();
            MigrationConfig config = config(s -> {
                s.put(ConfigKeys.AWS_ENDPOINT, "http://127.0.0.1:" + port);
                s.put(ConfigKeys.ALIYUN_ENDPOINT, "127.0.0.1:" + port);
            });
            assertThat(failure(config, Side.SOURCE)).isEqualTo(ConnectionProbe.Problem.NOT_A_CATALOG);
            assertThat(failure(config, Side.DESTINATION)).isEqualTo(ConnectionProbe.Problem.NOT_A_CATALOG);
        } finally {
            web.stop(0);
        }
    }

    @Test
    void theOtherCatalogsApiIsNotACatalogOfThisKind() {
        MigrationConfig config = config(s -> s.put(ConfigKeys.AWS_ENDPOINT, "http://" + dlf.endpoint()));
        assertThat(failure(config, Side.SOURCE)).isEqualTo(ConnectionProbe.Problem.NOT_A_CATALOG);
    }

    @Test
    void aRefusedPermissionIsAccessDenied() throws IOException {
        HttpServer glueDenies = server(
                400,
                "application/x-amz-json-1.1",
                "{\"__type\":\"AccessDeniedException\",\"Message\":\"User is not authorized to perform:"
                        + " glue:GetDatabases\"}",
                Map.of("x-amzn-ErrorType", "AccessDeniedException"));
        HttpServer dlfDenies = server(
                403,
                "application/json",
                "{\"Code\":\"NoPermission\",\"Message\":\"You are not authorized to do this action.\","
                        + "\"RequestId\":\"1\",\"Success\":false}",
                Map.of());
        try {
            MigrationConfig config = config(s -> {
                s.put(
                        ConfigKeys.AWS_ENDPOINT,
                        "http://127.0.0.1:" + glueDenies.getAddress().getPort());
                s.put(
                        ConfigKeys.ALIYUN_ENDPOINT,
                        "127.0.0.1:" + dlfDenies.getAddress().getPort());
            });
            assertThat(failure(config, Side.SOURCE)).isEqualTo(ConnectionProbe.Problem.ACCESS_DENIED);
            assertThat(failure(config, Side.DESTINATION)).isEqualTo(ConnectionProbe.Problem.ACCESS_DENIED);
        } finally {
            glueDenies.stop(0);
            dlfDenies.stop(0);
        }
    }

    @Test
    void aCatalogThatDoesNotAnswerTimesOutWithinTheBound() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        silent.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        try {
            MigrationConfig config = config(s -> s.put(
                    ConfigKeys.AWS_ENDPOINT,
                    "http://127.0.0.1:" + silent.getAddress().getPort()));
            ConnectionProbe quick = new ConnectionProbe(Duration.ofSeconds(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> quick.probe(config, Side.SOURCE, new CancellationToken()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(ConnectionProbe.Problem.of(e))
                            .isEqualTo(ConnectionProbe.Problem.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }

    @Test
    void aCancelledTestStopsWithoutAnAnswer() {
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        assertThatThrownBy(() -> probe.probe(config(s -> {}), Side.SOURCE, cancel))
                .isInstanceOf(CancellationException.class);
    }

    private static HttpServer server(int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
