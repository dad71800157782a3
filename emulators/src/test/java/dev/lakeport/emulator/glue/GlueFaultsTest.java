package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InternalServiceException;
import software.amazon.awssdk.services.glue.model.ThrottlingException;

/** Injected faults and credential checks, as a client sees them. */
class GlueFaultsTest {
    private GlueEmulator emulator;
    private GlueClient glue;

    @BeforeEach
    void start() {
        emulator = GlueEmulator.start();
        glue = TestingGlue.client(emulator);
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("sales")));
    }

    @AfterEach
    void stop() {
        glue.close();
        emulator.close();
    }

    @Test
    void throttlingIsAThrottlingExceptionWithRateExceeded() {
        emulator.faults().throttleRate(1.0);

        Throwable thrown = catchThrowable(() -> glue.getDatabase(r -> r.name("sales")));

        assertThat(thrown).isInstanceOf(ThrottlingException.class);
        GlueException e = (GlueException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        assertThat(e.isThrottlingException()).isTrue();
    }

    @Test
    void serverErrorsAreInternalServiceExceptionsWith500() {
        emulator.faults().serverErrorRate(1.0);

        Throwable thrown = catchThrowable(() -> glue.getDatabase(r -> r.name("sales")));

        assertThat(thrown).isInstanceOf(InternalServiceException.class);
        assertThat(((GlueException) thrown).statusCode()).isEqualTo(500);
    }

    @Test
    void failAfterCallsLetsThatManyThroughThenFailsEveryCall() {
        emulator.faults().failAfterCalls(2);

        glue.getDatabase(r -> r.name("sales"));
        glue.getDatabases(r -> r.maxResults(10));
        Throwable third = catchThrowable(() -> glue.getDatabase(r -> r.name("sales")));
        Throwable fourth = catchThrowable(() -> glue.getDatabase(r -> r.name("sales")));

        assertThat(third).isInstanceOf(InternalServiceException.class);
        assertThat(fourth).isInstanceOf(InternalServiceException.class);
        emulator.faults().reset();
        assertThat(glue.getDatabase(r -> r.name("sales")).database().name()).isEqualTo("sales");
    }

    @Test
    void sdkRetriesServerErrorsBeforeGivingUp() {
        emulator.faults().failAfterCalls(0);
        try (GlueClient retrying = GlueClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKID", "secret")))
                .build()) {
            Throwable thrown = catchThrowable(() -> retrying.getDatabase(r -> r.name("sales")));
            assertThat(thrown).isInstanceOf(InternalServiceException.class);
            // The SDK retried the 500 before giving up: the server saw more than one call.
            assertThat(emulator.faults().calls()).isGreaterThan(1);
        }
    }

    @Test
    void latencyDelaysEveryCall() {
        emulator.faults().latency(Duration.ofMillis(300));

        long start = System.nanoTime();
        glue.getDatabase(r -> r.name("sales"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void sixtyFourSlowCallsAreServedAtOnce() throws Exception {
        emulator.faults().latency(Duration.ofSeconds(1));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(callers.submit(() -> http.send(
                                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                                        .header("X-Amz-Target", "AWSGlue.GetDatabase")
                                        .header("Content-Type", "application/x-amz-json-1.1")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"sales\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
            long elapsedSeconds = (System.nanoTime() - start) / 1_000_000_000;
            // Served one after another they would take 64 s.
            assertThat(elapsedSeconds).isLessThan(32);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aLostResponseAppliesTheWriteAndDropsTheConnection() {
        emulator.faults().responseLostRate(1.0);

        Throwable thrown = catchThrowable(() -> glue.createDatabase(r -> r.databaseInput(TestingGlue.database("hr"))));

        assertThat(thrown).isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
        emulator.faults().reset();
        assertThat(glue.getDatabase(r -> r.name("hr")).database().name()).isEqualTo("hr");
    }

    @Test
    void aLateAnswerAppliesTheWriteAndOutlastsTheClientsTimeout() {
        emulator.faults().timeoutAfterAcceptRate(1.0, Duration.ofSeconds(2));
        try (GlueClient impatient = GlueClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKID", "secret")))
                .overrideConfiguration(
                        c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                                .apiCallTimeout(Duration.ofMillis(500)))
                .build()) {
            Throwable thrown =
                    catchThrowable(() -> impatient.createDatabase(r -> r.databaseInput(TestingGlue.database("hr"))));

            assertThat(thrown).isInstanceOf(software.amazon.awssdk.core.exception.ApiCallTimeoutException.class);
        }
        emulator.faults().reset();
        assertThat(glue.getDatabase(r -> r.name("hr")).database().name()).isEqualTo("hr");
    }

    @Test
    void aBatchCutMidWayAppliesAPartAndDropsTheConnection() {
        glue.createTable(r ->
                r.databaseName("sales").tableInput(TestingGlue.partitionedTable("events", "s3://b/events/", "string")));
        emulator.faults().midBatchDisconnectRate(1.0);

        Throwable thrown = catchThrowable(() -> glue.batchCreatePartition(r -> r.databaseName("sales")
                .tableName("events")
                .partitionInputList(TestingGlue.partitions("s3://b/events/", 2))));

        assertThat(thrown).isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
        emulator.faults().reset();
        assertThat(emulator.store().partitionCount("sales", "events")).isBetween(1L, 47L);
    }

    @Test
    void lowerLimitsAreRefusedWithGluesOwnValidationError() {
        emulator.faults().maxPageSize(50).maxBatchSize(10);
        glue.createTable(r ->
                r.databaseName("sales").tableInput(TestingGlue.partitionedTable("events", "s3://b/events/", "string")));

        Throwable page = catchThrowable(() -> glue.getPartitions(
                r -> r.databaseName("sales").tableName("events").maxResults(100)));
        Throwable batch = catchThrowable(() -> glue.batchCreatePartition(r -> r.databaseName("sales")
                .tableName("events")
                .partitionInputList(TestingGlue.partitions("s3://b/events/", 1))));

        assertThat(((GlueException) page).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(page).hasMessageContaining("less than or equal to 50");
        assertThat(((GlueException) batch).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(batch).hasMessageContaining("less than or equal to 10");
        assertThat(glue.getPartitions(
                                r -> r.databaseName("sales").tableName("events").maxResults(50))
                        .partitions())
                .isEmpty();
    }

    @Test
    void aRegisteredKeyIsCheckedAgainstItsSecret() {
        emulator.allowAccessKey(TestingGlue.ACCESS_KEY, "secret");
        assertThat(glue.getDatabase(r -> r.name("sales")).database().name()).isEqualTo("sales");

        emulator.allowAccessKeys();
        emulator.allowAccessKey(TestingGlue.ACCESS_KEY, "another-secret");
        Throwable thrown = catchThrowable(() -> glue.getDatabase(r -> r.name("sales")));

        assertThat(((GlueException) thrown).awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void unknownAccessKeyIsRejectedLikeAws() {
        emulator.allowAccessKeys(TestingGlue.ACCESS_KEY);
        try (GlueClient stranger = TestingGlue.client(emulator, "AKIDUNKNOWN")) {
            Throwable thrown = catchThrowable(() -> stranger.getDatabase(r -> r.name("sales")));

            assertThat(thrown).isInstanceOf(GlueException.class);
            GlueException e = (GlueException) thrown;
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
        }
        assertThat(glue.getDatabase(r -> r.name("sales")).database().name()).isEqualTo("sales");
    }

    @Test
    void rawWireFormatMatchesAwsJson11() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                        .header("X-Amz-Target", "AWSGlue.GetTable")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"DatabaseName\":\"sales\",\"Name\":\"nope\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(Wire.MAPPER.readTree(missing.body()).path("__type").asText()).isEqualTo("EntityNotFoundException");
        assertThat(Wire.MAPPER.readTree(missing.body()).path("Message").asText())
                .isNotBlank();

        HttpResponse<String> found = http.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                        .header("X-Amz-Target", "AWSGlue.GetDatabase")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"sales\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).isEqualTo(200);
        // Times are epoch seconds on the wire.
        assertThat(Wire.MAPPER
                        .readTree(found.body())
                        .path("Database")
                        .path("CreateTime")
                        .isNumber())
                .isTrue();
    }
}
