package dev.lakeport.mapping.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingInputs;
import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tables over MaxCompute's 60,000 partitions or 6 levels, and {@code maxcompute.foldPartitionKeys}. */
class PartitionFoldingMappingTest {
    private static final Map<String, String> V2 =
            Map.of("proj_a.odps.sql.type.system.odps2", "true", "proj_a.odps.sql.decimal.odps2", "true");

    @Test
    void aTableOverSixtyThousandPartitionsIsAProblemNamingTheExactSettingThatFixesIt() {
        MaxComputeMapping m = mapping(Map.of());
        DestinationCheck check = m.destinationCheck().orElseThrow();

        check.table(logs(m), 75_000, hourly());

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::toString)
                .containsExactly("proj_a.logs: 75,000 partitions, at most 60,000 a table; fold trailing partition keys"
                        + " into columns: maxcompute.foldPartitionKeys=proj_a.logs:1");
        assertThat(check.mappingFacts()).as("nothing learnt without auto").isEmpty();
    }

    @Test
    void aTableOverSixLevelsIsAProblemNamingTheKeysToFold() {
        MaxComputeMapping m = mapping(Map.of());
        DestinationCheck check = m.destinationCheck().orElseThrow();
        List<Column> keys = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            keys.add(Column.of("k" + i, "string"));
        }
        Table deep = renamed(m, logs().toBuilder().partitionKeys(keys).build());

        check.table(deep, 1, List.of(List.of("1", "2", "3", "4", "5", "6", "7", "8")));

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::message)
                .containsExactly("8 partition levels, at most 6; fold trailing partition keys into columns:"
                        + " maxcompute.foldPartitionKeys=proj_a.logs:2");
    }

    @Test
    void withFoldingTheProblemGoesAwayAndTheFoldedKeysAreTrailingColumnsTypedAsColumns() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.foldPartitionKeys", "proj_a.logs:2"));
        DestinationCheck check = m.destinationCheck().orElseThrow();

        check.table(logs(m), 75_000, hourly());
        Table mapped = (Table) m.apply(logs(m));

        assertThat(check.problems()).isEmpty();
        assertThat(mapped.partitionKeys())
                .extracting(Column::name, Column::type)
                .containsExactly(tuple("dt", "string"));
        assertThat(mapped.storageDescriptor().orElseThrow().columns())
                .extracting(Column::name, Column::type)
                .containsExactly(
                        tuple("id", "bigint"),
                        tuple("msg", "string"),
                        tuple("region", "varchar(8)"),
                        tuple("hour", "int"));
        Partition p = (Partition) m.fromSource()
                .apply(new Partition(
                        "web",
                        "logs",
                        List.of("2024-01-01", "eu", "7"),
                        Optional.empty(),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
        assertThat(p.values()).as("the destination partition is the prefix").containsExactly("2024-01-01");
    }

    @Test
    void theTypePreviewShowsFoldedKeysAsColumnsWithANote() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.foldPartitionKeys", "proj_a.logs:1"));

        List<ColumnTypeMapping> rows = m.columnTypes(logs(m));

        assertThat(rows)
                .extracting(ColumnTypeMapping::column, ColumnTypeMapping::partitionKey, r -> r.destinationType()
                        .orElseThrow())
                .containsExactly(
                        tuple("id", false, "bigint"),
                        tuple("msg", false, "string"),
                        tuple("hour", false, "int"),
                        tuple("dt", true, "string"),
                        tuple("region", true, "varchar(8)"));
        assertThat(rows.get(2).because()).startsWith("partition key folded into a column");
        assertThat(rows.get(0).because()).doesNotContain("folded");
    }

    @Test
    void autoLearnsTheFewestKeysFromThePartitionsAndThenFoldsThem() {
        MaxComputeMapping plain = mapping(Map.of("maxcompute.foldPartitionKeys", "auto"));
        assertThat(plain.learnsFromSource()).isTrue();
        DestinationCheck first = plain.destinationCheck().orElseThrow();
        first.table(logs(plain), 75_000, hourly());

        assertThat(first.mappingFacts()).containsExactly(Map.entry("~fold.proj_a.logs", "1"));

        Map<String, String> facts = new HashMap<>(V2);
        facts.putAll(first.mappingFacts());
        MaxComputeMapping learnt = mapping(Map.of("maxcompute.foldPartitionKeys", "auto"), facts);
        DestinationCheck second = learnt.destinationCheck().orElseThrow();
        second.table(logs(learnt), 75_000, hourly());

        assertThat(second.problems()).isEmpty();
        assertThat(learnt.foldedKeys(logs(learnt))).isEqualTo(1);
        assertThat(learnt.mappingId()).isNotEqualTo(plain.mappingId());
    }

    @Test
    void tooFewFoldedKeysStillLeaveAProblemNamingEnough() {
        // 3 keys where even day/region prefixes exceed the limit: 250 x 300 = 75,000; day alone 250.
        List<List<String>> partitions = new ArrayList<>();
        for (int d = 0; d < 250; d++) {
            for (int r = 0; r < 300; r++) {
                partitions.add(List.of("d" + d, "r" + r, "0"));
            }
        }
        MaxComputeMapping m = mapping(Map.of("maxcompute.foldPartitionKeys", "proj_a.logs:1"));
        DestinationCheck check = m.destinationCheck().orElseThrow();

        check.table(logs(m), partitions.size(), partitions);

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::message)
                .containsExactly("75,000 partitions, at most 60,000 a table; fold trailing partition keys into"
                        + " columns: maxcompute.foldPartitionKeys=proj_a.logs:2");
    }

    @Test
    void wrongEntriesAreNamedWithTheirValue() {
        assertThatThrownBy(() -> mapping(Map.of("maxcompute.foldPartitionKeys", "proj_a.logs:two")))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("maxcompute.foldPartitionKeys")
                .hasMessageContaining("'proj_a.logs:two'");

        MaxComputeMapping m = mapping(Map.of("maxcompute.foldPartitionKeys", "proj_a.logs:3,proj_a.nothing:1"));
        DestinationCheck check = m.destinationCheck().orElseThrow();
        check.table(logs(m), 2, List.of(List.of("2024-01-01", "eu", "1"), List.of("2024-01-01", "eu", "2")));

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::toString)
                .containsExactly(
                        "maxcompute.foldPartitionKeys: entry 'proj_a.logs:3': the table has 3 partition keys; at least"
                                + " one must stay a partition key, so fold at most 2",
                        "maxcompute.foldPartitionKeys: entry 'proj_a.nothing:1': the loaded source has no table"
                                + " proj_a.nothing in scope (name it as the diff does: project or project.schema,"
                                + " then table)");
        assertThat(((Table) m.apply(logs(m))).partitionKeys())
                .as("a wrong entry folds nothing")
                .hasSize(3);
    }

    /** 250 days x 3 regions x 100 hours: 75,000 partitions, 750 day/region prefixes. */
    private static List<List<String>> hourly() {
        List<List<String>> out = new ArrayList<>();
        for (int d = 0; d < 250; d++) {
            for (String region : List.of("eu", "us", "cn")) {
                for (int h = 0; h < 100; h++) {
                    out.add(List.of("d" + d, region, Integer.toString(h)));
                }
            }
        }
        return out;
    }

    private static MaxComputeMapping mapping(Map<String, String> settings) {
        return mapping(settings, V2);
    }

    private static MaxComputeMapping mapping(Map<String, String> settings, Map<String, String> facts) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("maxcompute.project", "proj_a");
        return new MaxComputeMapping(
                new MappingInputs(LocationMapper.identity(), ConnectorSettings.of(all, Map.of()), facts),
                "hive-to-maxcompute",
                true);
    }

    private static Table logs(MaxComputeMapping m) {
        return renamed(m, logs());
    }

    private static Table renamed(MaxComputeMapping m, Table source) {
        return (Table) m.naming().orElseThrow().rename(source);
    }

    private static Table logs() {
        return Table.builder("web", "logs")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("id", "bigint"), Column.of("msg", "string")))
                        .location("s3://lake/web/logs")
                        .build())
                .partitionKeys(
                        List.of(Column.of("dt", "string"), Column.of("region", "varchar(8)"), Column.of("hour", "int")))
                .tableType("EXTERNAL_TABLE")
                .build();
    }
}
