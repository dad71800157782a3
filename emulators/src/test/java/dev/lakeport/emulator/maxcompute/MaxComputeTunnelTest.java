package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfoParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Tunnel driven by the real SDK's {@code TableTunnel}: upload sessions, blocks, commits and downloads. */
class MaxComputeTunnelTest {
    private static final List<MaxComputeStore.Column> EVERY_TYPE = List.of(
            MaxComputeStore.Column.of("c_bigint", "bigint"),
            MaxComputeStore.Column.of("c_int", "int"),
            MaxComputeStore.Column.of("c_smallint", "smallint"),
            MaxComputeStore.Column.of("c_tinyint", "tinyint"),
            MaxComputeStore.Column.of("c_double", "double"),
            MaxComputeStore.Column.of("c_float", "float"),
            MaxComputeStore.Column.of("c_boolean", "boolean"),
            MaxComputeStore.Column.of("c_string", "string"),
            MaxComputeStore.Column.of("c_varchar", "varchar(20)"),
            MaxComputeStore.Column.of("c_char", "char(4)"),
            MaxComputeStore.Column.of("c_binary", "binary"),
            MaxComputeStore.Column.of("c_decimal", "decimal(20,4)"),
            MaxComputeStore.Column.of("c_date", "date"),
            MaxComputeStore.Column.of("c_datetime", "datetime"),
            MaxComputeStore.Column.of("c_timestamp", "timestamp"),
            MaxComputeStore.Column.of("c_timestamp_ntz", "timestamp_ntz"),
            MaxComputeStore.Column.of("c_array", "array<bigint>"),
            MaxComputeStore.Column.of("c_map", "map<string,array<int>>"),
            MaxComputeStore.Column.of("c_struct", "struct<x:bigint,y:string,z:decimal(10,2)>"));

    private MaxComputeEmulator emulator;
    private Odps odps;
    private TableTunnel tunnel;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("p1");
        tunnel = new TableTunnel(odps);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void partitioned(String table, List<MaxComputeStore.Column> columns, String... days) {
        emulator.store()
                .createTable(
                        "p1",
                        MaxComputeStore.Table.of(table, columns, List.of(MaxComputeStore.Column.of("ds", "string"))));
        for (String day : days) {
            emulator.store().addPartition("p1", table, Map.of("ds", day));
        }
    }

    private Record fullRow(TableTunnel.UploadSession session, long i) {
        Record r = session.newRecord();
        r.setBigint("c_bigint", i == 1 ? Long.MIN_VALUE + 1 : i * 1_000_000_007L);
        r.set("c_int", (int) (-i * 3));
        r.set("c_smallint", (short) (i * 7));
        r.set("c_tinyint", (byte) -i);
        r.setDouble("c_double", i + 0.125);
        r.set("c_float", (float) (i * 1.5));
        r.setBoolean("c_boolean", i % 2 == 0);
        r.setString("c_string", "row " + i + " é 中");
        r.set("c_varchar", new Varchar("v" + i));
        r.set("c_char", new Char("c" + i));
        r.set("c_binary", new Binary(new byte[] {0, (byte) i, (byte) 0xFF}));
        r.setDecimal("c_decimal", new BigDecimal("-12345.6789").add(BigDecimal.valueOf(i)));
        r.set("c_date", LocalDate.of(2024, 2, 29).plusDays(i));
        r.set("c_datetime", Instant.ofEpochMilli(1_700_000_000_123L + i).atZone(ZoneOffset.UTC));
        r.set("c_timestamp", Instant.ofEpochSecond(1_700_000_000L + i, 123_456_789));
        r.set(
                "c_timestamp_ntz",
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999).plusDays(i));
        r.set("c_array", Arrays.asList(i, null, -3L));
        Map<String, List<Integer>> map = new LinkedHashMap<>();
        map.put("k" + i, Arrays.asList(1, null));
        map.put("empty", List.of());
        r.set("c_map", map);
        StructTypeInfo structType =
                (StructTypeInfo) TypeInfoParser.getTypeInfoFromTypeString("struct<x:bigint,y:string,z:decimal(10,2)>");
        r.set("c_struct", new SimpleStruct(structType, Arrays.asList(i, null, new BigDecimal("1.50"))));
        return r;
    }

    private List<Record> download(String table, String day) throws Exception {
        TableTunnel.DownloadSession d = day == null
                ? tunnel.createDownloadSession("p1", table)
                : tunnel.createDownloadSession("p1", table, new PartitionSpec("ds='" + day + "'"));
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
    void rowsOfEveryTypeUploadedInSeveralBlocksAreReadBackAfterCommitOnly() throws Exception {
        partitioned("every", EVERY_TYPE, "2024-01-01");
        TableTunnel.UploadSession session =
                tunnel.createUploadSession("p1", "every", new PartitionSpec("ds='2024-01-01'"));
        try (RecordWriter w = session.openRecordWriter(0)) {
            w.write(fullRow(session, 1));
            w.write(fullRow(session, 2));
        }
        try (RecordWriter w = session.openRecordWriter(1, true)) { // deflate-compressed block
            w.write(fullRow(session, 3));
            w.write(session.newRecord()); // every column NULL
        }
        try (RecordWriter w = session.openRecordWriter(2)) {
            Record partial = fullRow(session, 4);
            partial.set("c_string", null);
            partial.set("c_decimal", null);
            partial.set("c_struct", null);
            w.write(partial);
        }

        assertThat(download("every", "2024-01-01")).as("rows before commit").isEmpty();
        assertThat(session.getStatus()).isEqualTo(TableTunnel.UploadStatus.NORMAL);

        session.commit(new Long[] {0L, 1L, 2L});

        List<Record> rows = download("every", "2024-01-01");
        assertThat(rows).hasSize(5);
        Record first = rows.get(0);
        assertThat(first.getBigint("c_bigint")).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(first.get("c_int")).isEqualTo(-3);
        assertThat(first.get("c_smallint")).isEqualTo((short) 7);
        assertThat(first.get("c_tinyint")).isEqualTo((byte) -1);
        assertThat(first.getDouble("c_double")).isEqualTo(1.125);
        assertThat(first.get("c_float")).isEqualTo(1.5f);
        assertThat(first.getBoolean("c_boolean")).isFalse();
        assertThat(first.getString("c_string")).isEqualTo("row 1 é 中");
        assertThat(first.get("c_varchar").toString()).isEqualTo("v1");
        assertThat(first.get("c_char").toString()).isEqualTo("c1");
        assertThat(((Binary) first.get("c_binary")).data()).containsExactly(0, 1, 0xFF);
        assertThat(first.getDecimal("c_decimal")).isEqualByComparingTo("-12344.6789");
        assertThat(first.get("c_date")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(((java.time.ZonedDateTime) first.get("c_datetime")).toInstant())
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_124L));
        assertThat(first.get("c_timestamp")).isEqualTo(Instant.ofEpochSecond(1_700_000_001L, 123_456_789));
        assertThat(first.get("c_timestamp_ntz")).isEqualTo(LocalDateTime.of(1970, 1, 1, 23, 59, 59, 999_999_999));
        assertThat(first.get("c_array")).isEqualTo(Arrays.asList(1L, null, -3L));
        Map<?, ?> map = (Map<?, ?>) first.get("c_map");
        assertThat(map).hasSize(2);
        assertThat(map.get("k1")).isEqualTo(Arrays.asList(1, null));
        assertThat((List<?>) map.get("empty")).isEmpty();
        Struct struct = (Struct) first.get("c_struct");
        assertThat(struct.getFieldValue("x")).isEqualTo(1L);
        assertThat(struct.getFieldValue("y")).isNull();
        assertThat((BigDecimal) struct.getFieldValue("z")).isEqualByComparingTo("1.50");

        assertThat(rows.get(2).getBigint("c_bigint")).isEqualTo(3_000_000_021L);
        Record allNull = rows.get(3);
        for (int i = 0; i < EVERY_TYPE.size(); i++) {
            assertThat(allNull.get(i)).as(EVERY_TYPE.get(i).name()).isNull();
        }
        Record partial = rows.get(4);
        assertThat(partial.getString("c_string")).isNull();
        assertThat(partial.getDecimal("c_decimal")).isNull();
        assertThat(partial.get("c_struct")).isNull();
        assertThat(partial.getBigint("c_bigint")).isEqualTo(4_000_000_028L);
    }

    private void uploadIds(String table, String day, boolean overwrite, long... ids) throws Exception {
        TableTunnel.UploadSession s = day == null
                ? tunnel.createUploadSession("p1", table, overwrite)
                : tunnel.createUploadSession("p1", table, new PartitionSpec("ds='" + day + "'"), overwrite);
        try (RecordWriter w = s.openRecordWriter(0)) {
            for (long id : ids) {
                Record r = s.newRecord();
                r.setBigint("id", id);
                w.write(r);
            }
        }
        s.commit();
    }

    private List<Long> ids(String table, String day) throws Exception {
        return download(table, day).stream().map(r -> r.getBigint("id")).toList();
    }

    @Test
    void anOverwriteCommitReplacesThePartitionsRowsAndLeavesOthersAlone() throws Exception {
        partitioned("ids", List.of(MaxComputeStore.Column.of("id", "bigint")), "1", "2");
        uploadIds("ids", "1", false, 1, 2, 3);
        uploadIds("ids", "2", false, 20);
        uploadIds("ids", "1", false, 4);
        assertThat(ids("ids", "1")).containsExactly(1L, 2L, 3L, 4L);

        uploadIds("ids", "1", true, 7, 8);

        assertThat(ids("ids", "1")).containsExactly(7L, 8L);
        assertThat(ids("ids", "2")).containsExactly(20L);

        emulator.store()
                .createTable(
                        "p1",
                        MaxComputeStore.Table.of(
                                "flat", List.of(MaxComputeStore.Column.of("id", "bigint")), List.of()));
        uploadIds("flat", null, false, 1, 2);
        uploadIds("flat", null, true, 3);
        assertThat(ids("flat", null)).containsExactly(3L);
    }

    /** The three records of the captured pack in MAXCOMPUTE-WIRE.md, for t (a BIGINT, b STRING), ds=1. */
    private static final String CAPTURED_PACK = "08021204" + "7630c3a9" + "80c0ff7f" + "8085f38b0c" // a=1, b="v0é"
            + "08d704" + "12047631c3a9" + "80c0ff7f" + "9ca2faf702" // a=-300, b="v1é"
            + "0806" + "80c0ff7f" + "84ccd78a0c" // a=3, b NULL
            + "f0ffff7f06" + "f8ffff7fb89383c004"; // count 3, pack CRC

    private HttpResponse<String> putBlock(String uploadId, String blockId, byte[] body) throws Exception {
        URI uri = URI.create(emulator.endpoint() + "/projects/p1/tables/t?uploadid=" + uploadId + "&blockid=" + blockId
                + "&partition=ds%3D1");
        return http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBlockWithABadChecksumIsRefusedAndAddsNothing() throws Exception {
        partitioned(
                "t", List.of(MaxComputeStore.Column.of("a", "bigint"), MaxComputeStore.Column.of("b", "string")), "1");
        TableTunnel.UploadSession session = tunnel.createUploadSession("p1", "t", new PartitionSpec("ds='1'"));
        byte[] good = HexFormat.of().parseHex(CAPTURED_PACK);

        byte[] corrupted = good.clone();
        corrupted[4] = 'w'; // "v0é" becomes "w0é": the record's CRC32C no longer matches
        HttpResponse<String> refused = putBlock(session.getId(), "0", corrupted);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"Code\":\"MalformedDataStream\"").contains("record 1 has checksum");

        byte[] badTrailer = good.clone();
        badTrailer[badTrailer.length - 2] ^= 0x01; // the pack's CRC of CRCs
        HttpResponse<String> badPack = putBlock(session.getId(), "1", badTrailer);
        assertThat(badPack.statusCode()).isEqualTo(400);
        assertThat(badPack.body()).contains("MalformedDataStream").contains("the pack's checksum");

        assertThat(putBlock(session.getId(), "2", good).statusCode()).isEqualTo(200);
        session.commit();

        List<Record> rows = download("t", "1");
        assertThat(rows).extracting(r -> r.getBigint("a")).containsExactly(1L, -300L, 3L);
        assertThat(rows).extracting(r -> r.getString("b")).containsExactly("v0é", "v1é", null);
    }

    private HttpResponse<String> createSessionOverHttp(String table) throws Exception {
        URI uri = URI.create(emulator.endpoint() + "/projects/p1/tables/" + table + "?uploads");
        return http.send(
                HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTableTakesAtMost32OpenUploadSessions() throws Exception {
        emulator.store()
                .createTable(
                        "p1",
                        MaxComputeStore.Table.of(
                                "flat", List.of(MaxComputeStore.Column.of("id", "bigint")), List.of()));
        List<TableTunnel.UploadSession> open = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            open.add(tunnel.createUploadSession("p1", "flat"));
        }
        // The SDK retries FlowExceeded (429) without end, so the refusal is read from the wire.
        HttpResponse<String> refused = createSessionOverHttp("flat");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"Code\":\"FlowExceeded\"");

        open.get(0).commit();
        assertThat(tunnel.createUploadSession("p1", "flat").getId()).isNotBlank();
    }

    @Test
    void aTableTakesAtMost500SessionCreationsInFiveMinutes() throws Exception {
        emulator.store()
                .createTable(
                        "p1",
                        MaxComputeStore.Table.of(
                                "flat", List.of(MaxComputeStore.Column.of("id", "bigint")), List.of()));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        emulator.tunnel().clock(clock);
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> created = createSessionOverHttp("flat");
            assertThat(created.statusCode()).as("creation %d", i + 1).isEqualTo(201);
            String id = created.body().replaceAll(".*\"UploadID\":\"([0-9A-F]+)\".*", "$1");
            HttpResponse<String> committed = http.send(
                    HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/projects/p1/tables/flat?uploadid=" + id))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(committed.statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMillis(100));
        }
        HttpResponse<String> refused = createSessionOverHttp("flat");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("FlowExceeded").contains("500");

        clock.advance(Duration.ofMinutes(5));
        assertThat(tunnel.createUploadSession("p1", "flat").getId()).isNotBlank();
    }

    @Test
    void sessionLimitsCanBeSetBelowTheServices() throws Exception {
        emulator.store()
                .createTable(
                        "p1",
                        MaxComputeStore.Table.of(
                                "flat", List.of(MaxComputeStore.Column.of("id", "bigint")), List.of()));
        emulator.tunnelSessionLimits(2, 1000);
        tunnel.createUploadSession("p1", "flat");
        tunnel.createUploadSession("p1", "flat").commit();
        tunnel.createUploadSession("p1", "flat");

        HttpResponse<String> refused = createSessionOverHttp("flat");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("FlowExceeded").contains("at most 2");
        assertThatThrownBy(() -> emulator.tunnelSessionLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUploadSessionExpiresAfter24Hours() throws Exception {
        partitioned("ids", List.of(MaxComputeStore.Column.of("id", "bigint")), "1");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        emulator.tunnel().clock(clock);
        TableTunnel.UploadSession s = tunnel.createUploadSession("p1", "ids", new PartitionSpec("ds='1'"));
        try (RecordWriter w = s.openRecordWriter(0)) {
            Record r = s.newRecord();
            r.setBigint("id", 1L);
            w.write(r);
        }

        clock.advance(Duration.ofHours(24));

        assertThatThrownBy(s::commit)
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("StatusConflict"))
                .hasMessageContaining("expired");
        assertThat(ids("ids", "1")).isEmpty();
    }

    @Test
    void blockIdsRunFrom0To19999() throws Exception {
        partitioned(
                "t", List.of(MaxComputeStore.Column.of("a", "bigint"), MaxComputeStore.Column.of("b", "string")), "1");
        TableTunnel.UploadSession session = tunnel.createUploadSession("p1", "t", new PartitionSpec("ds='1'"));
        byte[] good = HexFormat.of().parseHex(CAPTURED_PACK);

        HttpResponse<String> refused = putBlock(session.getId(), "20000", good);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"Code\":\"InvalidBlockID\"");
        assertThat(putBlock(session.getId(), "19999", good).statusCode()).isEqualTo(200);

        session.commit(new Long[] {19999L});
        assertThat(download("t", "1")).hasSize(3);
    }

    @Test
    void aSessionOnAMissingPartitionOrTableIsRefused() {
        partitioned("ids", List.of(MaxComputeStore.Column.of("id", "bigint")), "1");

        assertThatThrownBy(() -> tunnel.createUploadSession("p1", "ids", new PartitionSpec("ds='9'")))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchPartition"));
        assertThatThrownBy(() -> tunnel.createUploadSession("p1", "ids"))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("MissingPartitionSpec"));
        assertThatThrownBy(() -> tunnel.createUploadSession("p1", "nope"))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchTable"))
                .hasMessageContaining("nope");
    }

    @Test
    void aCommittedSessionTakesNoMoreBlocksOrCommits() throws Exception {
        partitioned("ids", List.of(MaxComputeStore.Column.of("id", "bigint")), "1");
        TableTunnel.UploadSession s = tunnel.createUploadSession("p1", "ids", new PartitionSpec("ds='1'"));
        try (RecordWriter w = s.openRecordWriter(0)) {
            Record r = s.newRecord();
            r.setBigint("id", 1L);
            w.write(r);
        }
        s.commit();

        assertThatThrownBy(s::commit).isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.getErrorCode())
                .isEqualTo("StatusConflict"));
        assertThatThrownBy(() -> {
                    try (RecordWriter w = s.openRecordWriter(1)) {
                        Record r = s.newRecord();
                        r.setBigint("id", 2L);
                        w.write(r);
                    }
                })
                .isInstanceOf(IOException.class);
        assertThat(ids("ids", "1")).containsExactly(1L);
    }

    @Test
    void aBufferedWriterUploadIsReadBackCompressedAndByChosenColumns() throws Exception {
        emulator.store()
                .createTable(
                        "p1",
                        MaxComputeStore.Table.of(
                                "pairs",
                                List.of(
                                        MaxComputeStore.Column.of("a", "bigint"),
                                        MaxComputeStore.Column.of("b", "string"),
                                        MaxComputeStore.Column.of("c", "double")),
                                List.of()));
        TableTunnel.UploadSession s = tunnel.createUploadSession("p1", "pairs");
        try (RecordWriter w = s.openBufferedWriter(true)) {
            for (long i = 0; i < 1000; i++) {
                Record r = s.newRecord();
                r.setBigint("a", i);
                r.setString("b", "b" + i);
                r.setDouble("c", i / 4.0);
                w.write(r);
            }
        }
        s.commit();

        TableTunnel.DownloadSession d = tunnel.createDownloadSession("p1", "pairs");
        assertThat(d.getRecordCount()).isEqualTo(1000);
        List<String> bs = new ArrayList<>();
        try (RecordReader reader = d.openRecordReader(
                10, 5, true, List.of(d.getSchema().getColumn("c"), d.getSchema().getColumn("b")))) {
            Record r;
            while ((r = reader.read()) != null) {
                bs.add(r.getString("b") + "=" + r.getDouble("c"));
            }
        }
        assertThat(bs).containsExactly("b10=2.5", "b11=2.75", "b12=3.0", "b13=3.25", "b14=3.5");
        assertThatThrownBy(() -> d.openRecordReader(999, 2))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidRowRange"));
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
