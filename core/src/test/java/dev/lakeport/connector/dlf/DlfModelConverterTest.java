package dev.lakeport.connector.dlf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.datalake20200710.models.FieldSchema;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.SkewedInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DlfModelConverterTest {
    @Test
    void timesAreWholeSecondsAndZeroReadsAsAbsent() {
        Database db = new Database(
                "sales",
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Optional.of(Instant.parse("2024-01-01T00:00:01.9Z")));

        assertThat(DlfModelConverter.toDatabaseInput(db).getCreateTime())
                .isEqualTo((int) Instant.parse("2024-01-01T00:00:01Z").getEpochSecond());
        assertThat(DlfModelConverter.instant(0)).isEmpty();
        assertThat(DlfModelConverter.instant(null)).isEmpty();
        assertThat(DlfModelConverter.seconds(Optional.of(Instant.parse("2038-01-19T03:14:07Z")), "CreateTime", "sales"))
                .isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> DlfModelConverter.seconds(
                        Optional.of(Instant.parse("2038-01-19T03:14:08Z")), "CreateTime", "sales"))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void skewLocationKeysAreJsonArrayText() {
        Map<List<String>, String> locations = new LinkedHashMap<>();
        locations.put(List.of("a", "xyz"), "oss://b/a_xyz");
        locations.put(List.of("with \"quote\"", ","), "oss://b/q");
        SkewedInfo skew = new SkewedInfo(List.of("c1", "c2"), List.of(List.of("a", "xyz")), locations);

        var wire = DlfModelConverter.toSkewedInfo(skew);

        assertThat(wire.getSkewedColValueLocationMaps()).containsKey("[\"a\",\"xyz\"]");
        assertThat(wire.getSkewedColValues()).containsExactly(List.of("a", "xyz"));
        assertThat(DlfModelConverter.fromSkewedInfo(wire)).isEqualTo(skew);
    }

    @Test
    void aSkewKeyThatIsNotJsonIsKeptWhole() {
        assertThat(DlfModelConverter.tuple("plain")).containsExactly("plain");
        assertThat(DlfModelConverter.tuple("[broken")).containsExactly("[broken");
    }

    @Test
    void emptyCommentsReadAsAbsent() {
        List<Column> columns = DlfModelConverter.fromFieldSchemas(
                List.of(new FieldSchema().setName("id").setType("int").setComment("")));

        assertThat(columns).containsExactly(Column.of("id", "int"));
    }
}
