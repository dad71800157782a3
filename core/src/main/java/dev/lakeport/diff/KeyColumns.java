package dev.lakeport.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stores an {@link ObjectKey} as explicit columns ({@code item_type, database_name, object_name, partition_values})
 * so it parses back exactly; an item name like {@code db.t/a/b} cannot, since names and values may hold dots and
 * slashes.
 */
public final class KeyColumns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private KeyColumns() {}

    /** Binds the four key columns starting at {@code index}; returns the next free index. */
    public static int bind(PreparedStatement ps, int index, ObjectKey key) throws SQLException {
        ps.setString(index, key.kind().itemType());
        ps.setString(index + 1, key.database());
        ps.setString(index + 2, key.name().orElse(null));
        ps.setString(index + 3, key.partitionValues().isEmpty() ? null : valuesJson(key.partitionValues()));
        return index + 4;
    }

    public static ObjectKey read(ResultSet rs) throws SQLException {
        return key(
                rs.getString("item_type"),
                rs.getString("database_name"),
                rs.getString("object_name"),
                rs.getString("partition_values"));
    }

    public static ObjectKey key(String itemType, String database, String name, String valuesJson) {
        List<String> values = valuesJson == null ? List.of() : parseValues(valuesJson);
        return new ObjectKey(ObjectKind.fromItemType(itemType), database, Optional.ofNullable(name), values);
    }

    public static String valuesJson(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> parseValues(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad partition values: " + json, e);
        }
    }
}
