package dev.lakeport.mapping.maxcompute;

import static dev.lakeport.mapping.maxcompute.HiveToMaxComputeTypes.Role.COLUMN;
import static dev.lakeport.mapping.maxcompute.HiveToMaxComputeTypes.Role.PARTITION_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HiveToMaxComputeTypesTest {
    private final HiveToMaxComputeTypes v1 = new HiveToMaxComputeTypes(TypeEdition.V1, false);
    private final HiveToMaxComputeTypes v2 = new HiveToMaxComputeTypes(TypeEdition.V2, false);
    private final HiveToMaxComputeTypes hive3 = new HiveToMaxComputeTypes(TypeEdition.HIVE, true);

    @Test
    void theEditionComesFromTheProjectsFlags() {
        assertThat(TypeEdition.of(Map.of())).isEqualTo(TypeEdition.V1);
        assertThat(TypeEdition.of(Map.of("odps.sql.type.system.odps2", "true"))).isEqualTo(TypeEdition.V2);
        assertThat(TypeEdition.of(Map.of("odps.sql.hive.compatible", " TRUE "))).isEqualTo(TypeEdition.HIVE);
        assertThat(TypeEdition.of(Map.of("odps.sql.decimal.odps2", "true")))
                .isEqualTo(new TypeEdition(false, true, false));
    }

    @Test
    void typesEveryEditionHoldsStayAsTheyAre() {
        for (HiveToMaxComputeTypes m : new HiveToMaxComputeTypes[] {v1, v2, hive3}) {
            assertThat(type(m, "bigint")).isEqualTo("BIGINT");
            assertThat(type(m, "double precision")).isEqualTo("DOUBLE");
            assertThat(type(m, "STRING")).isEqualTo("STRING");
            assertThat(type(m, "boolean")).isEqualTo("BOOLEAN");
            assertThat(type(m, "char(10)")).isEqualTo("STRING");
        }
    }

    @Test
    void aV1ProjectWidensWhatItHasAndNamesTheFlagForWhatItLacks() {
        assertThat(type(v1, "int")).isEqualTo("BIGINT");
        assertThat(type(v1, "float")).isEqualTo("DOUBLE");
        assertThat(type(v1, "varchar(20)")).isEqualTo("STRING");
        assertThat(type(v1, "date")).isEqualTo("DATETIME");
        assertThat(type(v1, "decimal(20,4)")).isEqualTo("DECIMAL");
        assertThat(v1.map("int", COLUMN).because()).contains("odps.sql.type.system.odps2=false");
        var binary = v1.map("binary", COLUMN);
        assertThat(binary.held()).isFalse();
        assertThat(binary.because()).contains("BINARY needs odps.sql.type.system.odps2=true");
        assertThat(v1.map("array<int>", COLUMN).because()).contains("ARRAY needs odps.sql.type.system.odps2=true");
        assertThat(v1.map("timestamp", COLUMN).held()).isFalse();
    }

    @Test
    void aV2ProjectHoldsHivesTypesExceptWhatMaxComputeLacks() {
        assertThat(type(v2, "integer")).isEqualTo("INT");
        assertThat(type(v2, "tinyint")).isEqualTo("TINYINT");
        assertThat(type(v2, "varchar(20)")).isEqualTo("VARCHAR(20)");
        assertThat(type(v2, "decimal")).isEqualTo("DECIMAL(10,0)");
        assertThat(type(v2, "decimal(38,18)")).isEqualTo("DECIMAL(38,18)");
        assertThat(type(v2, "timestamp")).isEqualTo("TIMESTAMP");
        assertThat(type(hive3, "timestamp")).isEqualTo("TIMESTAMP_NTZ");
        assertThat(hive3.map("timestamp", COLUMN).because()).contains("Hive 3");
        assertThat(type(v2, "array<struct<a:int,`b c`:map<string,decimal(12,2)>>>"))
                .isEqualTo("ARRAY<STRUCT<a:INT,b c:MAP<STRING,DECIMAL(12,2)>>>");

        var scale = v2.map("decimal(38,30)", COLUMN);
        assertThat(scale.held()).isFalse();
        assertThat(scale.because()).contains("DECIMAL(38,30) cannot be held: MaxCompute's scale is at most 18");
        var union = v2.map("struct<id:int,u:uniontype<int,string>>", COLUMN);
        assertThat(union.held()).isFalse();
        assertThat(union.because()).contains("u: UNIONTYPE cannot be held");
    }

    @Test
    void partitionKeysTakeOnlyTheirTypesTheRestBecomesString() {
        assertThat(v2.map("int", PARTITION_KEY).maxComputeType()).contains("INT");
        assertThat(v2.map("varchar(8)", PARTITION_KEY).maxComputeType()).contains("VARCHAR(8)");
        assertThat(v2.map("date", PARTITION_KEY).maxComputeType()).contains("STRING");
        assertThat(v2.map("date", PARTITION_KEY).because()).contains("a partition key cannot be DATE");
        assertThat(v1.map("int", PARTITION_KEY).maxComputeType()).contains("STRING");
        assertThat(v1.map("int", PARTITION_KEY).because()).contains("V1.0 project's partition keys are STRING only");
    }

    @Test
    void aTypeThatDoesNotParseSaysWhere() {
        var bad = v2.map("map<string>", COLUMN);
        assertThat(bad.held()).isFalse();
        assertThat(bad.because()).startsWith("not a Hive type: expected ',' at position 10 of 'map<string>'");
        assertThat(v2.map("varchar", COLUMN).because()).contains("expected varchar(length)");
    }

    private static String type(HiveToMaxComputeTypes m, String hive) {
        var r = m.map(hive, COLUMN);
        assertThat(r.held()).as("%s: %s", hive, r.because()).isTrue();
        return r.maxComputeType().orElseThrow();
    }
}
