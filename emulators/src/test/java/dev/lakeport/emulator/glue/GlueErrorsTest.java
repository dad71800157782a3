package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Segment;
import software.amazon.awssdk.services.glue.model.ValidationException;

/** Limits and errors as the SDK reports them: the typed exceptions and per-entry batch errors Glue uses. */
class GlueErrorsTest {
    private static final String LOCATION = "s3://bucket/sales/orders/";

    private GlueEmulator emulator;
    private GlueClient glue;

    @BeforeEach
    void start() {
        emulator = GlueEmulator.start();
        glue = TestingGlue.client(emulator);
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("sales")));
        glue.createTable(
                r -> r.databaseName("sales").tableInput(TestingGlue.partitionedTable("orders", LOCATION, "int")));
    }

    @AfterEach
    void stop() {
        glue.close();
        emulator.close();
    }

    @Test
    void missingObjectsAreEntityNotFound() {
        assertThatThrownBy(() -> glue.getDatabase(r -> r.name("nope"))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("sales").name("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.getTables(r -> r.databaseName("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.getPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "1")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.getPartitions(r -> r.databaseName("sales").tableName("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.deletePartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "1")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.updatePartition(r -> r.databaseName("sales")
                        .tableName("orders")
                        .partitionValueList("20240101", "1")
                        .partitionInput(TestingGlue.partition(LOCATION, "20240101", "1"))))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.updateTable(
                        r -> r.databaseName("sales").tableInput(TestingGlue.partitionedTable("nope", LOCATION, "int"))))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.deleteTable(r -> r.databaseName("sales").name("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.deleteDatabase(r -> r.name("nope"))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() ->
                        glue.getUserDefinedFunction(r -> r.databaseName("sales").functionName("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.createTable(
                        r -> r.databaseName("nope").tableInput(TestingGlue.partitionedTable("t", LOCATION, "int"))))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void duplicatesAreAlreadyExists() {
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(TestingGlue.database("SALES"))))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> glue.createTable(r ->
                        r.databaseName("sales").tableInput(TestingGlue.partitionedTable("Orders", LOCATION, "int"))))
                .isInstanceOf(AlreadyExistsException.class);
        glue.createPartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionInput(TestingGlue.partition(LOCATION, "20240101", "1")));
        assertThatThrownBy(() -> glue.createPartition(r -> r.databaseName("sales")
                        .tableName("orders")
                        .partitionInput(TestingGlue.partition(LOCATION, "20240101", "1"))))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void badNamesAndRangesAreInvalidInput() {
        String tooLong = "x".repeat(256);
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(TestingGlue.database(tooLong))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(TestingGlue.database(""))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(TestingGlue.database("two\nlines"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getDatabases(r -> r.maxResults(0))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getDatabases(r -> r.maxResults(101))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getTables(r -> r.databaseName("sales").maxResults(101)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(
                        () -> glue.getUserDefinedFunctions(r -> r.pattern("*").maxResults(101)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getPartitions(
                        r -> r.databaseName("sales").tableName("orders").maxResults(1001)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getPartitions(r -> r.databaseName("sales")
                        .tableName("orders")
                        .segment(Segment.builder()
                                .segmentNumber(0)
                                .totalSegments(11)
                                .build())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getPartitions(r -> r.databaseName("sales")
                        .tableName("orders")
                        .segment(Segment.builder()
                                .segmentNumber(10)
                                .totalSegments(10)
                                .build())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.getPartitions(
                        r -> r.databaseName("sales").tableName("orders").nextToken("not-a-token")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> glue.createPartition(r -> r.databaseName("sales")
                        .tableName("orders")
                        .partitionInput(
                                PartitionInput.builder().values("20240101").build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("number of partition keys");
        assertThatThrownBy(() -> glue.getPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("1", "2", "3")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void oversizedBatchesAreValidationErrorsLikeAws() {
        List<PartitionInput> tooMany = TestingGlue.partitions(LOCATION, 5).subList(0, 101);
        assertThatThrownBy(() -> glue.batchCreatePartition(
                        r -> r.databaseName("sales").tableName("orders").partitionInputList(tooMany)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("1 validation error detected: Value '")
                .hasMessageContaining(
                        "at 'partitionInputList' failed to satisfy constraint: Member must have length less than or equal to 100");

        List<PartitionValueList> keys = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            keys.add(PartitionValueList.builder()
                    .values("20240101", Integer.toString(i))
                    .build());
        }
        assertThatThrownBy(() -> glue.batchDeletePartition(
                        r -> r.databaseName("sales").tableName("orders").partitionsToDelete(keys.subList(0, 26))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'partitionsToDelete'")
                .hasMessageContaining("less than or equal to 25");
        assertThatThrownBy(() -> glue.batchGetPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionsToGet(keys)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("less than or equal to 1000");
        List<BatchUpdatePartitionRequestEntry> entries = Collections.nCopies(
                101,
                BatchUpdatePartitionRequestEntry.builder()
                        .partitionValueList("20240101", "1")
                        .partitionInput(TestingGlue.partition(LOCATION, "20240101", "1"))
                        .build());
        assertThatThrownBy(() -> glue.batchUpdatePartition(
                        r -> r.databaseName("sales").tableName("orders").entries(entries)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'entries'");
        assertThatThrownBy(() -> glue.batchDeleteTable(
                        r -> r.databaseName("sales").tablesToDelete(Collections.nCopies(101, "t"))))
                .isInstanceOf(ValidationException.class);
        // Exactly at the limit is fine.
        assertThat(glue.batchCreatePartition(r ->
                                r.databaseName("sales").tableName("orders").partitionInputList(tooMany.subList(0, 100)))
                        .errors())
                .isEmpty();
    }

    @Test
    void batchCallsReportEachFailedEntryAndApplyTheRest() {
        glue.createPartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionInput(TestingGlue.partition(LOCATION, "20240101", "1")));

        List<PartitionError> createErrors = glue.batchCreatePartition(r -> r.databaseName("sales")
                        .tableName("orders")
                        .partitionInputList(
                                TestingGlue.partition(LOCATION, "20240101", "1"),
                                TestingGlue.partition(LOCATION, "20240101", "2"),
                                PartitionInput.builder().values("only-one").build()))
                .errors();
        assertThat(createErrors)
                .extracting(
                        PartitionError::partitionValues, e -> e.errorDetail().errorCode())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(List.of("20240101", "1"), "AlreadyExistsException"),
                        org.assertj.core.groups.Tuple.tuple(List.of("only-one"), "InvalidInputException"));
        assertThat(emulator.store().partitionCount("sales", "orders")).isEqualTo(2);

        var updateErrors = glue.batchUpdatePartition(r -> r.databaseName("sales")
                        .tableName("orders")
                        .entries(
                                BatchUpdatePartitionRequestEntry.builder()
                                        .partitionValueList("20240101", "2")
                                        .partitionInput(TestingGlue.partition(LOCATION, "20240101", "2"))
                                        .build(),
                                BatchUpdatePartitionRequestEntry.builder()
                                        .partitionValueList("20240101", "9")
                                        .partitionInput(TestingGlue.partition(LOCATION, "20240101", "9"))
                                        .build()))
                .errors();
        assertThat(updateErrors).hasSize(1);
        assertThat(updateErrors.get(0).partitionValueList()).containsExactly("20240101", "9");
        assertThat(updateErrors.get(0).errorDetail().errorCode()).isEqualTo("EntityNotFoundException");

        List<PartitionError> deleteErrors = glue.batchDeletePartition(r -> r.databaseName("sales")
                        .tableName("orders")
                        .partitionsToDelete(
                                PartitionValueList.builder()
                                        .values("20240101", "1")
                                        .build(),
                                PartitionValueList.builder()
                                        .values("20240101", "7")
                                        .build()))
                .errors();
        assertThat(deleteErrors).hasSize(1);
        assertThat(deleteErrors.get(0).partitionValues()).containsExactly("20240101", "7");
        ErrorDetail detail = deleteErrors.get(0).errorDetail();
        assertThat(detail.errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(detail.errorMessage()).isNotBlank();
        assertThat(emulator.store().partitionCount("sales", "orders")).isEqualTo(1);

        var tableErrors = glue.batchDeleteTable(r -> r.databaseName("sales").tablesToDelete("orders", "ghost"))
                .errors();
        assertThat(tableErrors).hasSize(1);
        assertThat(tableErrors.get(0).tableName()).isEqualTo("ghost");
        assertThat(tableErrors.get(0).errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(emulator.store().tableCount()).isZero();
    }

    @Test
    void staleTableVersionIsConcurrentModification() {
        glue.updateTable(r -> r.databaseName("sales")
                .versionId("0")
                .tableInput(TestingGlue.partitionedTable("orders", LOCATION, "int")));
        assertThatThrownBy(() -> glue.updateTable(r -> r.databaseName("sales")
                        .versionId("0")
                        .tableInput(TestingGlue.partitionedTable("orders", LOCATION, "int"))))
                .isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void errorsCarryGluesCodeAndStatus() {
        GlueException e = (GlueException)
                org.assertj.core.api.Assertions.catchThrowable(() -> glue.getDatabase(r -> r.name("nope")));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("nope");
    }
}
