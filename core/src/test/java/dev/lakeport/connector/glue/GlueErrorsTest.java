package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.ErrorKind;
import dev.lakeport.connector.Retries;
import dev.lakeport.connector.TestingCatalogObjects;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.secret.AwsCredentials;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GlueException;

class GlueErrorsTest {
    /** Shaped like an AWS access key id (AWS's documented example), split so no source line holds one whole. */
    private static final String KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";

    private static final String ENDPOINT = "http://127.0.0.1:4599";

    private static GlueEmulator emulator;
    private static GlueConnector connector;

    @BeforeAll
    static void start() {
        emulator = GlueEmulator.start();
        connector = new GlueConnector(TestingGlueConnector.config(emulator));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    @AfterEach
    void calm() {
        emulator.faults().reset();
        emulator.allowAccessKeys();
        emulator.store().clear();
    }

    // ---- mapping
    // -----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "EntityNotFoundException, 400, NOT_FOUND",
        "AlreadyExistsException, 400, ALREADY_EXISTS",
        "InvalidInputException, 400, INVALID_INPUT",
        "ValidationException, 400, INVALID_INPUT",
        "AccessDeniedException, 400, ACCESS_DENIED",
        "UnrecognizedClientException, 400, INVALID_CREDENTIALS",
        "InvalidSignatureException, 400, INVALID_CREDENTIALS",
        "ExpiredToken, 400, INVALID_CREDENTIALS",
        "ExpiredTokenException, 400, INVALID_CREDENTIALS",
        "IncompleteSignature, 400, INVALID_CREDENTIALS",
        "ThrottlingException, 400, THROTTLED",
        "BandwidthLimitExceeded, 400, THROTTLED",
        "TooManyRequests, 429, THROTTLED",
        "InternalServiceException, 500, UNAVAILABLE",
        "ServiceUnavailable, 503, UNAVAILABLE",
        "SomethingNew, 502, UNAVAILABLE",
        "ConcurrentModificationException, 400, UNAVAILABLE",
        "OperationTimeoutException, 400, TIMEOUT",
    })
    void serviceErrorsMapByTheirCode(String code, int status, ErrorCode expected) {
        ConnectorException e = GlueErrors.map("GetTable", "sales.orders", ENDPOINT, serviceError(code, status, "x"));

        assertThat(e.code()).isEqualTo(expected);
        assertThat(e.vendorCode()).contains(code);
    }

    @Test
    void rateExceededIsThrottlingWhateverTheCode() {
        ConnectorException e = GlueErrors.map(
                "GetPartitions", "sales.orders", ENDPOINT, serviceError("Unknown", 400, "Rate exceeded"));

        assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void concurrentModificationIsWorthRetrying() {
        ConnectorException e = GlueErrors.map(
                "UpdateTable", "sales.orders", ENDPOINT, serviceError("ConcurrentModificationException", 400, "busy"));

        assertThat(e.isTransient()).isTrue();
        assertThat(e.kind()).isEqualTo(ErrorKind.EXTERNAL);
    }

    @Test
    void messagesNameTheOperationAndTheObject() {
        var notFound = EntityNotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("EntityNotFoundException")
                        .errorMessage("Table orders not found.")
                        .build())
                .statusCode(400)
                .build();

        ConnectorException e = GlueErrors.map("GetTable", "sales.orders", ENDPOINT, notFound);

        assertThat(e.getMessage())
                .isEqualTo(
                        "Glue GetTable sales.orders failed: HTTP 400 EntityNotFoundException: Table orders not found.");
        assertThat(e.getCause()).isSameAs(notFound);
    }

    @Test
    void signatureErrorsDoNotEchoTheRequest() {
        String echo = "The request signature we calculated does not match the signature you provided.\n"
                + "The Canonical String for this request should have been 'POST / x-amz-security-token:SECRETTOKEN'"
                + " Credential=" + KEY_ID;

        ConnectorException e =
                GlueErrors.map("GetDatabases", "", ENDPOINT, serviceError("InvalidSignatureException", 403, echo));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(e.getMessage())
                .startsWith("Glue GetDatabases failed: HTTP 403 InvalidSignatureException: The request signature")
                .doesNotContain("SECRETTOKEN")
                .doesNotContain(KEY_ID);
    }

    @Test
    void accessKeyIdsAreMaskedInAnyMessage() {
        ConnectorException e = GlueErrors.map(
                "GetTable",
                "sales.orders",
                ENDPOINT,
                serviceError("AccessDeniedException", 400, "User " + KEY_ID + " is not authorized"));

        assertThat(e.getMessage()).contains("AKIA****").doesNotContain(KEY_ID);
    }

    @Test
    void clientSideFailuresMapToNetworkAndTimeout() {
        var refused = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused"))
                .build();
        var unknownHost = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new UnknownHostException("glue.nowhere.example"))
                .build();
        var readTimeout = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new SocketTimeoutException("Read timed out"))
                .build();
        var callTimeout =
                ApiCallTimeoutException.builder().message("took too long").build();

        ConnectorException network = GlueErrors.map("GetDatabases", "", ENDPOINT, refused);
        assertThat(network.code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(network.getMessage())
                .isEqualTo("Glue GetDatabases failed: cannot connect to " + ENDPOINT + " (Connection refused)");
        assertThat(GlueErrors.map("GetDatabases", "", ENDPOINT, unknownHost).code())
                .isEqualTo(ErrorCode.NETWORK);
        assertThat(GlueErrors.map("GetDatabases", "", ENDPOINT, readTimeout).code())
                .isEqualTo(ErrorCode.TIMEOUT);
        assertThat(GlueErrors.map("GetDatabases", "", ENDPOINT, callTimeout).code())
                .isEqualTo(ErrorCode.TIMEOUT);
    }

    @Test
    void batchEntryErrorsMapLikeCallErrors() {
        ConnectorException e = GlueErrors.fromErrorDetail(
                "BatchCreatePartition",
                "sales.orders/2024-01-01",
                ErrorDetail.builder()
                        .errorCode("AlreadyExistsException")
                        .errorMessage("Partition already exists.")
                        .build());

        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Glue BatchCreatePartition sales.orders/2024-01-01 failed: AlreadyExistsException: Partition already exists.");
    }

    // ---- against a server
    // --------------------------------------------------------------------------------------------

    @Test
    void aClosedPortIsANetworkErrorNamingTheEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        try (GlueConnector nowhere =
                new GlueConnector(TestingGlueConnector.config(emulator).withEndpoint(closed))) {
            assertThatThrownBy(() -> nowhere.reader().databaseCount())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                        assertThat(e.getMessage()).startsWith("Glue GetDatabases failed: cannot connect to " + closed);
                    });
        }
    }

    @Test
    void anUnknownAccessKeyIsInvalidCredentials() {
        emulator.allowAccessKeys(TestingGlueConnector.ACCESS_KEY_ID);
        String stranger = "AKIA" + "STRANGER00000099";
        try (GlueConnector wrong = new GlueConnector(TestingGlueConnector.config(emulator, stranger))) {
            assertThatThrownBy(() -> wrong.reader().databaseCount())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                        assertThat(e.kind()).isEqualTo(ErrorKind.USER);
                        assertThat(e.getMessage())
                                .contains("UnrecognizedClientException")
                                .doesNotContain(stranger)
                                .doesNotContain("emulator-secret-key");
                    });
        }
        // the right key still works
        assertThat(connector.reader().databaseCount()).isZero();
    }

    @Test
    void aMissingProfileIsInvalidCredentials() {
        GlueConnectorConfig base = TestingGlueConnector.config(emulator);
        GlueConnectorConfig profile = new GlueConnectorConfig(
                base.region(),
                base.endpoint(),
                base.catalogId(),
                new AwsCredentials.Profile("lakeport-no-such-profile"),
                base.segments(),
                base.maxConnections(),
                base.callTimeout());
        try (GlueConnector noProfile = new GlueConnector(profile)) {
            assertThatThrownBy(() -> noProfile.reader().databaseCount())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                        assertThat(e.getMessage())
                                .startsWith("Glue GetDatabases failed: ")
                                .contains("lakeport-no-such-profile");
                    });
        }
    }

    @Test
    void aSlowServerIsATimeout() {
        emulator.faults().latency(Duration.ofSeconds(3));
        GlueConnectorConfig base = TestingGlueConnector.config(emulator);
        GlueConnectorConfig impatient = new GlueConnectorConfig(
                base.region(),
                base.endpoint(),
                base.catalogId(),
                base.credentials(),
                base.segments(),
                base.maxConnections(),
                Duration.ofMillis(500));
        try (GlueConnector slow = new GlueConnector(impatient)) {
            assertThatThrownBy(() -> slow.reader(Retries.none()).database("sales"))
                    .isInstanceOfSatisfying(
                            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        }
    }

    @Test
    void writersDoNotRetryThrottling() {
        emulator.faults().throttleRate(1.0);

        assertThatThrownBy(() -> connector.writer().createDatabase(TestingCatalogObjects.database("sales")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
                    assertThat(e.getMessage())
                            .startsWith("Glue CreateDatabase sales failed: HTTP 400 ThrottlingException");
                });
        assertThat(emulator.faults().calls()).isEqualTo(1);
    }

    @Test
    void readersRideOutThirtyPercentThrottling() {
        var writer = connector.writer();
        writer.createDatabase(TestingCatalogObjects.database("sales"));
        Table table = TestingCatalogObjects.partitionedTable("sales", "orders");
        writer.createTable(table);
        for (int i = 0; i < 130; i++) {
            writer.createTable(TestingCatalogObjects.plainTable("sales", "t" + i));
        }
        List<Partition> partitions = TestingCatalogObjects.partitions(table, 3_000);
        for (int i = 0; i < partitions.size(); i += 100) {
            assertThat(writer.createPartitions(table, partitions.subList(i, i + 100))
                            .failures())
                    .isEmpty();
        }

        emulator.faults().throttleRate(0.3);
        try (GlueCatalogReader reader = connector.reader()) {
            try (Stream<Table> tables = reader.tables("sales")) {
                assertThat(tables.count()).isEqualTo(131);
            }
            try (Stream<Partition> listed = reader.partitions(table, Optional.empty())) {
                assertThat(listed.map(Partition::key).toList())
                        .doesNotHaveDuplicates()
                        .hasSize(3_000);
            }
            assertThat(reader.partitions(
                            table, partitions.stream().map(Partition::values).toList()))
                    .hasSize(3_000);
        }
        assertThat(emulator.faults().calls()).as("calls made, some throttled").isGreaterThan(10);
    }

    /** A Glue-compatible server without functions answered 500 with nothing in it: the message still says what. */
    @Test
    void aBareServerErrorNamesTheOperationTheStatusAndThatNothingElseCame() throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (GlueConnector bare =
                new GlueConnector(TestingGlueConnector.config(emulator).withEndpoint(endpoint))) {
            assertThatThrownBy(() -> {
                        try (Stream<dev.lakeport.model.Function> functions =
                                bare.reader(Retries.none()).functions("sales")) {
                            functions.toList();
                        }
                    })
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getMessage())
                                .isEqualTo("Glue GetUserDefinedFunctions sales failed: HTTP 500 (no error code):"
                                        + " (no message) (if this catalog has no user-defined functions, set"
                                        + " lakeport.functions=false)");
                    });
        } finally {
            server.stop(0);
        }
    }

    private static AwsServiceException serviceError(String code, int status, String message) {
        return GlueException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .statusCode(status)
                .message(message)
                .build();
    }
}
