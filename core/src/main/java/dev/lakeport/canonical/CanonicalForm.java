package dev.lakeport.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The form in which two catalog objects are compared. It leaves out what a catalog sets by itself (create and access
 * times, {@code transient_lastDdlTime}) and normalises what two catalogs spell differently (name case, sub-second
 * times), so that an object copied to another catalog and read back compares equal. Both the fingerprint and the
 * field-by-field view of an update use it, so they always agree.
 */
public final class CanonicalForm {

    /** Parameters a metastore stamps on every write; never a user's change. */
    public static final Set<String> VOLATILE_PARAMETERS = Set.of("transient_lastDdlTime");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(
                    new SimpleModule("lakeport-canonical").addSerializer(SkewedInfo.class, new SkewedInfoSerializer()))
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, true)
            .configure(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS, false)
            .build();

    private CanonicalForm() {}

    /** The object with volatile fields removed and the rest normalised. */
    public static CatalogObject normalize(CatalogObject object) {
        if (object instanceof Database d) {
            return new Database(
                    lower(d.name()), d.description(), d.locationUri(), params(d.parameters()), Optional.empty());
        }
        if (object instanceof Table t) {
            return t.toBuilder()
                    .databaseName(lower(t.databaseName()))
                    .name(lower(t.name()))
                    .createTime(null)
                    .lastAccessTime(null)
                    .lastAnalyzedTime(seconds(t.lastAnalyzedTime()))
                    .storageDescriptor(
                            t.storageDescriptor().map(CanonicalForm::sd).orElse(null))
                    .partitionKeys(columns(t.partitionKeys()))
                    .parameters(params(t.parameters()))
                    .build();
        }
        if (object instanceof Partition p) {
            return new Partition(
                    lower(p.databaseName()),
                    lower(p.tableName()),
                    p.values(),
                    p.storageDescriptor().map(CanonicalForm::sd),
                    params(p.parameters()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.ofNullable(seconds(p.lastAnalyzedTime())));
        }
        Function f = (Function) object;
        return new Function(
                lower(f.databaseName()),
                lower(f.name()),
                f.className(),
                f.ownerName(),
                f.ownerType(),
                f.functionType(),
                f.resourceUris(),
                Optional.empty());
    }

    /** The canonical form as a JSON tree, for field-by-field comparison. */
    public static JsonNode toJson(CatalogObject object) {
        return MAPPER.valueToTree(normalize(object));
    }

    /** The canonical form as compact JSON bytes with sorted map keys; the fingerprint hashes these. */
    public static byte[] toBytes(CatalogObject object) {
        try {
            return MAPPER.writeValueAsBytes(normalize(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + object.key(), e);
        }
    }

    private static StorageDescriptor sd(StorageDescriptor sd) {
        return sd.toBuilder().columns(columns(sd.columns())).build();
    }

    private static List<Column> columns(List<Column> columns) {
        return columns.stream()
                .map(c -> new Column(lower(c.name()), c.type().toLowerCase(Locale.ROOT), c.comment(), c.parameters()))
                .toList();
    }

    private static Map<String, String> params(Map<String, String> parameters) {
        if (parameters.keySet().stream().noneMatch(VOLATILE_PARAMETERS::contains)) {
            return parameters;
        }
        Map<String, String> copy = new HashMap<>(parameters);
        copy.keySet().removeAll(VOLATILE_PARAMETERS);
        return copy;
    }

    private static Instant seconds(Optional<Instant> time) {
        return time.map(t -> t.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Skew location maps are keyed by value tuples, which JSON cannot use as keys: they become JSON array text (as DLF
     * writes them), in sorted order.
     */
    private static final class SkewedInfoSerializer extends StdSerializer<SkewedInfo> {
        private static final ObjectMapper PLAIN = new ObjectMapper();

        SkewedInfoSerializer() {
            super(SkewedInfo.class);
        }

        @Override
        public void serialize(SkewedInfo value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeObjectField("columnNames", value.columnNames());
            gen.writeObjectField("columnValues", value.columnValues());
            TreeMap<String, String> locations = new TreeMap<>();
            for (Map.Entry<List<String>, String> e : value.valueLocationMaps().entrySet()) {
                locations.put(PLAIN.writeValueAsString(e.getKey()), e.getValue());
            }
            gen.writeObjectField("valueLocationMaps", locations);
            gen.writeEndObject();
        }
    }
}
