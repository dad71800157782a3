package dev.lakeport.app.pages.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.SortColumn;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.TableSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every fact the details pane can show, in both languages, with the words the bundles give them. */
class DetailsBuilderTest {
    private static final Instant WHEN = Instant.parse("2024-03-01T10:15:30Z");
    private static final LocationMapper MAP = LocationMapper.of(Map.of("s3://lake/", "oss://lake/"));

    private static Table richTable() {
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(List.of(Column.of("id", "bigint", "key"), Column.of("status", "string")))
                .location("s3://lake/sales/orders")
                .inputFormat("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat")
                .serDeInfo(new SerDeInfo(
                        Optional.of("orc"),
                        Optional.of("org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
                        Map.of("serialization.format", "1")))
                .compressed(true)
                .numberOfBuckets(8)
                .bucketColumns(List.of("id"))
                .sortColumns(List.of(new SortColumn("id", 1), new SortColumn("status", 0)))
                .skewedInfo(new SkewedInfo(
                        List.of("status"),
                        List.of(List.of("open")),
                        Map.of(List.of("open"), "s3://lake/sales/orders/status=open")))
                .storedAsSubDirectories(true)
                .parameters(Map.of("orc.compress", "ZLIB"))
                .build();
        return Table.builder("sales", "orders")
                .description("one row per order")
                .owner("hadoop")
                .createTime(WHEN)
                .lastAccessTime(WHEN)
                .lastAnalyzedTime(WHEN)
                .retention(30)
                .storageDescriptor(sd)
                .partitionKeys(List.of(Column.of("dt", "string")))
                .viewOriginalText("select 1")
                .viewExpandedText("select 1")
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("EXTERNAL", "TRUE"))
                .build();
    }

    @Test
    void everyFieldHasItsWordsInEveryLanguage() {
        for (Locale locale : Messages.LOCALES) {
            Messages messages = new Messages(locale);
            DetailsBuilder builder = new DetailsBuilder(messages, Side.SOURCE, Optional.of(MAP));
            Table table = richTable();
            Partition partition = new Partition(
                    "sales",
                    "orders",
                    List.of("20240101"),
                    Optional.of(table.storageDescriptor().orElseThrow().toBuilder()
                            .columns(List.of(Column.of("id", "bigint")))
                            .location("s3://elsewhere/orders/dt=20240101")
                            .build()),
                    Map.of("numRows", "7"),
                    Optional.of(WHEN),
                    Optional.of(WHEN),
                    Optional.of(WHEN));
            Database database = new Database(
                    "sales",
                    Optional.of("sales data"),
                    Optional.of("s3://lake/sales"),
                    Map.of("a", "b"),
                    Optional.of(WHEN));
            List<Details> all = List.of(
                    builder.table(new TableSummary(table, 10, false)),
                    builder.partition(table, partition),
                    builder.database(database, new DatabaseSummary("sales", 1, 10, 0)),
                    builder.functions("sales", 2));
            for (Details d : all) {
                assertThat(d.kind()).doesNotContain("!");
                for (Details.Section s : d.sections()) {
                    assertThat(s.title()).as(locale + " section").doesNotContain("!");
                    s.fields().forEach(f -> assertThat(f.name() + " " + f.value())
                            .as(locale + " field")
                            .doesNotContain("!browse.")
                            .doesNotContain("!common."));
                }
            }
        }
    }

    @Test
    void storageSkewSortAndUnfinishedPartitionsReadPlainly() {
        DetailsBuilder builder = new DetailsBuilder(new Messages(Locale.ENGLISH), Side.SOURCE, Optional.of(MAP));
        Details d = builder.table(new TableSummary(richTable(), 10, false));
        Details.Section general = d.section("General").orElseThrow();
        assertThat(general.value("Partitions")).contains("10 so far (the load of this table did not finish)");
        assertThat(general.value("Retention (days)")).contains("30");
        assertThat(general.value("View text")).contains("select 1");
        Details.Section storage = d.section("Storage").orElseThrow();
        assertThat(storage.value("Compressed")).contains("Yes");
        assertThat(storage.value("Buckets")).contains("8 by id");
        assertThat(storage.value("Sort columns")).contains("id ascending, status descending");
        assertThat(storage.value("Skewed columns")).contains("status");
        assertThat(storage.value("Skewed values")).contains("(open)");
        assertThat(storage.value("(open)")).contains("s3://lake/sales/orders/status=open");
        assertThat(storage.value("SerDe name")).contains("orc");
        assertThat(d.section("Storage parameters").orElseThrow().value("orc.compress"))
                .contains("ZLIB");
    }

    @Test
    void theDestinationShowsLocationsAsTheyAreAndUnknownMappingIsSaid() {
        Messages messages = new Messages(Locale.ENGLISH);
        Details destination = new DetailsBuilder(messages, Side.DESTINATION, Optional.of(MAP))
                .table(new TableSummary(richTable(), 10, true));
        assertThat(destination.section("General").orElseThrow().value("After mapping"))
                .isEmpty();
        Details unknown = new DetailsBuilder(messages, Side.SOURCE, Optional.empty())
                .table(new TableSummary(richTable(), 10, true));
        assertThat(unknown.section("General").orElseThrow().value("After mapping"))
                .contains("unknown: the settings have problems");
    }

    /** Browse names a partition as the Diff page, the result log and the reports do. */
    @Test
    void partitionNamesAreHivesEscapedFormAsTheResultLogWritesThem() {
        Table table = Table.builder("sales", "orders")
                .partitionKeys(List.of(Column.of("region", "string"), Column.of("kv", "string")))
                .build();
        Partition p = new Partition(
                "sales",
                "orders",
                List.of("cn-north/1", "a=b 100% \"华北\""),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        String shown = DetailsBuilder.partitionName(table, p);
        assertThat(shown).isEqualTo("region=cn-north%2F1/kv=a%3Db 100%25 %22华北%22");
        assertThat(ItemNames.of(List.of(table)).of(p.key())).isEqualTo("sales.orders/" + shown);
    }
}
