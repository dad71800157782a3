package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.failsafe.RetryPolicy;
import dev.lakeport.copy.DestinationCounts.AggregateColumn;
import dev.lakeport.copy.DestinationCounts.ColumnStats;
import dev.lakeport.copy.DestinationCounts.PartitionStats;
import dev.lakeport.copy.DestinationCounts.Task;
import dev.lakeport.copy.Verification.Mismatch;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task copied through the emulator's Tunnel as a user runs it, then counted at the destination and verified. */
class TunnelWriterTest {
    private static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final List<String> DAYS = List.of("2024-01-01", "2024-01-02", DEFAULT_PARTITION);
    /** Rows per partition at the "source": more than one block each with two rows per block. */
    private static final Map<String, Integer> SOURCE_ROWS =
            Map.of("2024-01-01", 3, "2024-01-02", 5, DEFAULT_PARTITION, 2);

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS sales ("
            + "c_bigint BIGINT, c_int INT, c_smallint SMALLINT, c_tinyint TINYINT, c_double DOUBLE, c_float FLOAT,"
            + " c_boolean BOOLEAN, c_string STRING, c_varchar VARCHAR(20), c_char CHAR(4), c_binary BINARY,"
            + " c_decimal DECIMAL(20,4), c_date DATE, c_datetime DATETIME, c_timestamp TIMESTAMP,"
            + " c_timestamp_ntz TIMESTAMP_NTZ, c_array ARRAY<BIGINT>, c_map MAP<STRING,ARRAY<INT>>,"
            + " c_struct STRUCT<x:BIGINT,y:STRING,z:DECIMAL(10,2)>)"
            + " PARTITIONED BY (ds STRING) LIFECYCLE 7;";

    private static final int SESSIONS_AT_ONCE = 2;

    private MaxComputeEmulator emulator;
    private Odps odps;
    private TableTunnel tunnel;
    private final RetryPolicy<Object> retry = TunnelRetries.policy(8, Duration.ofMillis(10), Duration.ofMillis(200));

    @BeforeEach
    void start() throws OdpsException {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("p1");
        tunnel = TunnelSessions.tunnel(odps);
        sql(CREATE);
        StringBuilder add = new StringBuilder("ALTER TABLE sales ADD IF NOT EXISTS");
        DAYS.forEach(d -> add.append(" PARTITION (ds='").append(d).append("')"));
        sql(add.append(";").toString());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void sql(String statement) throws OdpsException {
        SQLTask.run(odps, statement).waitForSuccess();
    }

    private TunnelWriter writer() {
        return new TunnelWriter(tunnel, TunnelPacer.tunnelLimits(), retry, 2);
    }

    private static List<TunnelTarget> targets() {
        return DAYS.stream()
                .map(d -> new TunnelTarget("p1", "sales", List.of("ds"), List.of(d)))
                .toList();
    }

    /** The rows a source reader gives for a partition: plain Java values, every type, one row of NULLs. */
    private static List<List<Object>> sourceRows(String day) {
        List<List<Object>> rows = new ArrayList<>();
        int n = SOURCE_ROWS.get(day);
        for (int i = 1; i < n; i++) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("k" + i, Arrays.asList(i, null));
            rows.add(Arrays.asList(
                    (long) i * 1_000_000_007L,
                    -i * 3,
                    (short) (i * 7),
                    (byte) -i,
                    i + 0.125,
                    i * 1.5f,
                    i % 2 == 0,
                    day + " row " + i + " é 中",
                    "v" + i,
                    "c" + i,
                    new byte[] {0, (byte) i, (byte) 0xFF},
                    new BigDecimal("-12345.67").add(BigDecimal.valueOf(i)),
                    LocalDate.of(2024, 2, 29).plusDays(i),
                    Instant.ofEpochMilli(1_700_000_000_123L + i),
                    Instant.ofEpochSecond(1_700_000_000L + i, 123_456_789),
                    LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999).plusDays(i),
                    Arrays.asList(i, null, -3),
                    map,
                    Arrays.asList(i, null, new BigDecimal("1.5"))));
        }
        rows.add(Arrays.asList(new Object[19]));
        return rows;
    }

    private Map<TunnelTarget, Long> copy() {
        return writer().writeTask(
                        targets(), t -> sourceRows(t.partitionValues().get(0)).iterator());
    }

    private Map<List<String>, PartitionStats> destination() {
        Task task = new Task(
                "p1", "sales", List.of("ds"), DAYS.stream().map(List::of).toList(), List.of());
        return DestinationCounts.count(odps, task, retry);
    }

    private Verification verify(Map<TunnelTarget, Long> written) {
        Map<List<String>, PartitionStats> destination = destination();
        List<PartitionCounts> counts = new ArrayList<>();
        for (TunnelTarget target : targets()) {
            String day = target.partitionValues().get(0);
            counts.add(PartitionCounts.of(
                    target.qualifiedTable(),
                    target.partitionName(),
                    SOURCE_ROWS.get(day),
                    written.get(target),
                    destination.get(List.of(day)).rows()));
        }
        return Verification.of(counts);
    }

    private List<Record> download(String day) throws Exception {
        TableTunnel.DownloadSession d =
                new TableTunnel(odps).createDownloadSession("p1", "sales", new PartitionSpec("ds='" + day + "'"));
        List<Record> out = new ArrayList<>();
        if (d.getRecordCount() == 0) {
            return out;
        }
        try (RecordReader reader = d.openRecordReader(0, d.getRecordCount())) {
            Record r;
            while ((r = reader.read()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void threePartitionsOfEveryTypeIncludingHivesDefaultPartitionArriveAndAllThreeCountsAgree() throws Exception {
        Map<TunnelTarget, Long> written = copy();

        assertThat(written.values()).containsExactly(3L, 5L, 2L);
        Verification verification = verify(written);
        assertThat(verification.mismatches()).isEmpty();
        assertThat(verification.passed()).isTrue();

        List<Record> rows = download("2024-01-02");
        assertThat(rows).hasSize(5);
        Record first = rows.get(0);
        assertThat(first.getBigint("c_bigint")).isEqualTo(1_000_000_007L);
        assertThat(first.get("c_int")).isEqualTo(-3);
        assertThat(first.get("c_smallint")).isEqualTo((short) 7);
        assertThat(first.get("c_tinyint")).isEqualTo((byte) -1);
        assertThat(first.getDouble("c_double")).isEqualTo(1.125);
        assertThat(first.get("c_float")).isEqualTo(1.5f);
        assertThat(first.getBoolean("c_boolean")).isFalse();
        assertThat(first.getString("c_string")).isEqualTo("2024-01-02 row 1 é 中");
        assertThat(first.get("c_varchar").toString()).isEqualTo("v1");
        assertThat(first.get("c_char").toString()).startsWith("c1");
        assertThat(((Binary) first.get("c_binary")).data()).containsExactly(0, 1, 0xFF);
        assertThat(first.getDecimal("c_decimal")).isEqualByComparingTo("-12344.67");
        assertThat(first.get("c_date")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(((ZonedDateTime) first.get("c_datetime")).toInstant())
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_124L));
        assertThat(first.get("c_timestamp")).isEqualTo(Instant.ofEpochSecond(1_700_000_001L, 123_456_789));
        assertThat(first.get("c_timestamp_ntz")).isEqualTo(LocalDateTime.of(1970, 1, 1, 23, 59, 59, 999_999_999));
        assertThat(first.get("c_array")).isEqualTo(Arrays.asList(1L, null, -3L));
        assertThat(((Map<?, ?>) first.get("c_map")).get("k1")).isEqualTo(Arrays.asList(1, null));
        Struct struct = (Struct) first.get("c_struct");
        assertThat(struct.getFieldValue("x")).isEqualTo(1L);
        assertThat(struct.getFieldValue("y")).isNull();
        assertThat((BigDecimal) struct.getFieldValue("z")).isEqualByComparingTo("1.50");
        assertThat(Arrays.asList(rows.get(4).toArray())).containsOnlyNulls();
        assertThat(download(DEFAULT_PARTITION)).hasSize(2);
        // A task over the whole table: every partition the destination has, from one grouped query.
        Task wholeTable = new Task("p1", "sales", List.of("ds"), List.of(), List.of());
        assertThat(DestinationCounts.count(odps, wholeTable, retry))
                .extractingFromEntries(e -> e.getKey().get(0), e -> e.getValue().rows())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("2024-01-01", 3L),
                        org.assertj.core.groups.Tuple.tuple("2024-01-02", 5L),
                        org.assertj.core.groups.Tuple.tuple(DEFAULT_PARTITION, 2L));
    }

    @Test
    void reRunningATaskReplacesEachPartitionsRowsInsteadOfAddingThem() throws Exception {
        copy();
        List<String> before = strings(download("2024-01-02"));

        Map<TunnelTarget, Long> again = copy();

        assertThat(verify(again).mismatches()).isEmpty();
        assertThat(strings(download("2024-01-02")))
                .containsExactlyElementsOf(before)
                .hasSize(5);
    }

    @Test
    void aCommitWhoseAnswerIsLostIsNotCommittedTwiceAndTheRowsAreRight() throws Exception {
        emulator.maxComputeFaults().loseResponsesAfterCommit(2);

        Map<TunnelTarget, Long> written = copy();

        assertThat(written.values()).containsExactly(3L, 5L, 2L);
        assertThat(verify(written).mismatches()).isEmpty();
        assertThat(download("2024-01-01")).hasSize(3);
    }

    @Test
    void throttledAndFailingCallsAreRetriedAndTheRowsAreRight() throws Exception {
        emulator.maxComputeFaults().throttle(9);

        Map<TunnelTarget, Long> written = copy();

        emulator.maxComputeFaults().reset();
        assertThat(written.values()).containsExactly(3L, 5L, 2L);
        assertThat(verify(written).mismatches()).isEmpty();
    }

    @Test
    void aPartitionTamperedWithAfterwardsIsReportedAsAMismatchNamingIt() throws Exception {
        Map<TunnelTarget, Long> written = copy();
        TableTunnel.UploadSession other =
                new TableTunnel(odps).createUploadSession("p1", "sales", new PartitionSpec("ds='2024-01-02'"));
        try (RecordWriter w = other.openRecordWriter(0)) {
            w.write(other.newRecord());
            w.write(other.newRecord());
        }
        other.commit(new Long[] {0L});

        Verification verification = verify(written);

        assertThat(verification.passed()).isFalse();
        assertThat(verification.mismatches())
                .extracting(Mismatch::table, Mismatch::partition, Mismatch::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "p1.sales", "ds=2024-01-02", "destination has 7, source 5, written 5"));
    }

    @Test
    void columnAggregatesComeBackPerPartitionFromTheSameGroupedQuery() {
        copy();
        Task task = new Task(
                "p1",
                "sales",
                List.of("ds"),
                List.of(List.of("2024-01-02")),
                List.of(
                        new AggregateColumn("c_bigint", true),
                        new AggregateColumn("c_decimal", true),
                        new AggregateColumn("c_date", false)));

        PartitionStats stats = DestinationCounts.count(odps, task, retry).get(List.of("2024-01-02"));

        assertThat(stats.rows()).isEqualTo(5);
        ColumnStats bigint = stats.columns().get("c_bigint");
        assertThat(new BigDecimal(bigint.sum().orElseThrow())).isEqualByComparingTo("10000000070");
        assertThat(bigint.min()).contains("1000000007");
        assertThat(bigint.max()).contains("4000000028");
        assertThat(bigint.nulls()).isEqualTo(1);
        assertThat(new BigDecimal(stats.columns().get("c_decimal").sum().orElseThrow()))
                .isEqualByComparingTo("-49372.68");
        ColumnStats date = stats.columns().get("c_date");
        assertThat(date.sum()).isEmpty();
        assertThat(date.min().orElseThrow()).startsWith("2024-03-01");
        assertThat(date.max().orElseThrow()).startsWith("2024-03-04");
        assertThat(date.nulls()).isEqualTo(1);
    }

    @Test
    void aTaskOfMoreThan256PartitionsIsCountedWithinTheConditionLimitAndEveryPartitionHasItsCount() throws Exception {
        sql("CREATE TABLE events (id BIGINT) PARTITIONED BY (ds STRING, hh STRING);");
        List<List<String>> partitions = new ArrayList<>();
        StringBuilder add = new StringBuilder("ALTER TABLE events ADD IF NOT EXISTS");
        for (int day = 0; day < 300; day++) {
            // 300 distinct days: one IN list of them would exceed the 256 conditions.
            List<String> p = List.of(String.format("d%03d", day), "h" + day % 3);
            partitions.add(p);
            add.append(" PARTITION (ds='")
                    .append(p.get(0))
                    .append("', hh='")
                    .append(p.get(1))
                    .append("')");
        }
        sql(add.append(";").toString());
        TunnelTarget first = new TunnelTarget("p1", "events", List.of("ds", "hh"), partitions.get(0));
        TunnelTarget last = new TunnelTarget("p1", "events", List.of("ds", "hh"), partitions.get(299));
        writer().writeTask(List.of(first, last), t -> List.of(List.of(1L), List.of(2L), List.of(3L))
                .iterator());
        Task task = new Task("p1", "events", List.of("ds", "hh"), partitions, List.of());

        Map<List<String>, PartitionStats> counts = DestinationCounts.count(odps, task, retry);

        assertThat(DestinationCounts.queries(task)).hasSizeGreaterThan(1);
        assertThat(counts).hasSize(300);
        assertThat(counts.get(partitions.get(0)).rows()).isEqualTo(3);
        assertThat(counts.get(partitions.get(299)).rows()).isEqualTo(3);
        assertThat(counts.values().stream().mapToLong(PartitionStats::rows).sum())
                .isEqualTo(6);
    }

    @Test
    void blocksWrittenInParallelFromAHandleSentToOtherWorkersAreCommittedOnceByTheDriver() throws Exception {
        TunnelTarget target = targets().get(1);
        List<List<Object>> rows = sourceRows("2024-01-02");
        TunnelSessions driver = new TunnelSessions(tunnel, TunnelPacer.tunnelLimits(), retry);
        UploadHandle handle = driver.open(target);
        BlockPlan plan = BlockPlan.of(rows.size(), 2);
        byte[] shipped = serialize(handle);

        List<java.util.concurrent.Future<BlockResult>> futures = new ArrayList<>();
        java.util.concurrent.ExecutorService executors = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (BlockPlan.Block block : plan.blocks()) {
                futures.add(executors.submit(() -> {
                    // An executor: its own client, the handle as it arrived over the wire, its range of rows.
                    UploadHandle received = (UploadHandle) deserialize(shipped);
                    BlockWriter writer = new BlockWriter(TunnelSessions.tunnel(odps), received, block.blockId(), retry);
                    for (long r = block.firstRow(); r < block.firstRow() + block.rowCount(); r++) {
                        writer.write(rows.get((int) r));
                    }
                    return serializeAndBack(writer.finish());
                }));
            }
            List<BlockResult> results = new ArrayList<>();
            for (java.util.concurrent.Future<BlockResult> f : futures) {
                results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(download("2024-01-02"))
                    .as("nothing visible before the driver commits")
                    .isEmpty();

            driver.commit(handle, results);

            assertThat(results).hasSize(3);
            assertThat(results.stream().mapToLong(BlockResult::rows).sum()).isEqualTo(5);
        } finally {
            executors.shutdownNow();
        }
        assertThat(strings(download("2024-01-02")))
                .containsExactlyElementsOf(
                        rows.stream().map(r -> (String) r.get(7)).toList());
        assertThat(destination().get(List.of("2024-01-02")).rows()).isEqualTo(5);
    }

    @Test
    void aValueTheColumnCannotHoldStopsThePartitionNamingItAndLeavesTheDestinationAsItWas() throws Exception {
        copy();
        List<List<Object>> rows = new ArrayList<>(sourceRows("2024-01-02"));
        List<Object> bad = new ArrayList<>(rows.get(2));
        bad.set(8, "a varchar longer than twenty characters");
        rows.set(2, bad);
        TunnelTarget target = targets().get(1);

        assertThatThrownBy(() -> writer().write(target, rows.iterator()))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("table p1.sales, partition ds=2024-01-02, column c_varchar")
                .hasMessageContaining("'a varchar longer than twenty characters'");

        assertThat(destination().get(List.of("2024-01-02")).rows()).isEqualTo(5);
        // The table's turns were given back: the next run of the same partition is not kept waiting.
        assertThat(writer().write(target, sourceRows("2024-01-02").iterator())).isEqualTo(5);
    }

    @Test
    void partitionsWrittenAtOnceStayWithinTheTablesSessionLimitWithoutBeingRefused() throws Exception {
        emulator.tunnelSessionLimits(2, 1_000_000);
        List<TunnelTarget> many = new ArrayList<>();
        StringBuilder add = new StringBuilder("ALTER TABLE sales ADD IF NOT EXISTS");
        for (int i = 1; i <= 6; i++) {
            String day = "2024-02-0" + i;
            many.add(new TunnelTarget("p1", "sales", List.of("ds"), List.of(day)));
            add.append(" PARTITION (ds='").append(day).append("')");
        }
        sql(add.append(";").toString());
        // No retries of ours, and the SDK's own waits on a refused session counted: there must be none.
        RetryPolicy<Object> once = RetryPolicy.builder().withMaxAttempts(1).build();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        TableTunnel counted = TunnelSessions.tunnel(odps, new com.aliyun.odps.rest.RestClient.RetryLogger() {
            @Override
            public void onRetryLog(Throwable e, long retryCount, long sleepSeconds) {
                refused.incrementAndGet();
            }
        });
        // Creations paced far faster than the service's 500 per 5 minutes, so the sessions overlap and only the
        // limit of sessions open at once keeps them apart.
        TunnelPacer pacer = new TunnelPacer(SESSIONS_AT_ONCE, 1_000_000, Duration.ofMinutes(5), Duration.ofSeconds(60));
        emulator.maxComputeFaults().latency(Duration.ofMillis(20));
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<Long>> futures = new ArrayList<>();
        try {
            for (TunnelTarget target : many) {
                futures.add(workers.submit(() -> new TunnelWriter(counted, pacer, once, 1)
                        .write(target, sourceRows("2024-01-02").iterator())));
            }
            for (java.util.concurrent.Future<Long> f : futures) {
                assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(5);
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(refused).as("sessions the Tunnel refused for its limit").hasValue(0);
        Task task = new Task(
                "p1",
                "sales",
                List.of("ds"),
                many.stream().map(TunnelTarget::partitionValues).toList(),
                List.of());
        assertThat(DestinationCounts.count(odps, task, retry).values())
                .extracting(PartitionStats::rows)
                .containsOnly(5L)
                .hasSize(6);
    }

    private static byte[] serialize(Object value) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws Exception {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static BlockResult serializeAndBack(BlockResult result) throws Exception {
        return (BlockResult) deserialize(serialize(result));
    }

    private static List<String> strings(List<Record> rows) {
        return rows.stream().map(r -> r.getString("c_string")).toList();
    }
}
