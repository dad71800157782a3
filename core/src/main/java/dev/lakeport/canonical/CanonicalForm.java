package dev.lakeport.canonical;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
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
 *
 * <p>The text is a pure function of the object's fields, the same in every JVM: compact JSON of the record components
 * only (never derived getters such as {@code Table.isView()}), every object's keys sorted (record components by name,
 * map entries by key), absent optionals left out, times as epoch milliseconds. Nothing depends on reflection order or
 * hash order. Fingerprints are stored in project files, so any change to this text must bump {@link #VERSION}: the
 * snapshot then recomputes the fingerprints it holds.
 */
public final class CanonicalForm {

    /**
     * The version of the canonical text. 1 was Jackson's bean serialisation, whose property order (and derived
     * properties) depended on the JVM; 2 is the explicit sorted form.
     */
    public static final int VERSION = 2;

    /** Parameters a metastore stamps on every write; never a user's change. */
    public static final Set<String> VOLATILE_PARAMETERS = Set.of("transient_lastDdlTime");

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    /** Each record class's components with their accessors, sorted by name. */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), accessor(c)))
                    .sorted(Comparator.comparing(Component::name))
                    .toArray(Component[]::new);
        }
    };

    private record Component(String name, Method accessor) {}

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
        try {
            return READER.readTree(toBytes(object));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back the canonical form of " + object.key(), e);
        }
    }

    /** The canonical form as text (what {@link #toBytes} encodes in UTF-8). */
    public static String toText(CatalogObject object) {
        return new String(toBytes(object), StandardCharsets.UTF_8);
    }

    /** The canonical form as compact UTF-8 JSON with sorted keys; the fingerprint hashes these bytes. */
    public static byte[] toBytes(CatalogObject object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, normalize(object));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + object.key(), e);
        }
        return out.toByteArray();
    }

    /** Writes any value of the model; an absent value is the caller's to leave out. */
    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Instant t) {
            g.writeNumber(t.toEpochMilli());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof Optional<?> o) {
            write(g, o.orElseThrow());
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            writeMap(g, map);
        } else if (value instanceof Record record) {
            writeRecord(g, record);
        } else {
            throw new IllegalArgumentException(
                    "no canonical form for a " + value.getClass().getName());
        }
    }

    private static void writeRecord(JsonGenerator g, Record record) throws IOException {
        g.writeStartObject();
        for (Component c : COMPONENTS.get(record.getClass())) {
            Object v = read(c, record);
            if (v == null || (v instanceof Optional<?> o && o.isEmpty())) {
                continue;
            }
            g.writeFieldName(c.name());
            write(g, v);
        }
        g.writeEndObject();
    }

    /**
     * Entries sorted by key (in Java's String order). A key that is not a string, such as a skewed-value tuple, is
     * written as its own canonical JSON text (as DLF writes skew location maps).
     */
    private static void writeMap(JsonGenerator g, Map<?, ?> map) throws IOException {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = e.getKey() instanceof String s ? s : keyText(e.getKey());
            if (sorted.put(key, e.getValue()) != null) {
                throw new IllegalArgumentException("two map keys have the canonical form " + key);
            }
        }
        g.writeStartObject();
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static String keyText(Object key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, key);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Object read(Component c, Record record) {
        try {
            return c.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.name(), e);
        }
    }

    private static Method accessor(RecordComponent c) {
        Method m = c.getAccessor();
        m.setAccessible(true);
        return m;
    }

    private static StorageDescriptor sd(StorageDescriptor sd) {
        return sd.toBuilder().columns(columns(sd.columns())).build();
    }

    private static List<Column> columns(List<Column> columns) {
        return columns.stream()
                .map(c -> new Column(lower(c.name()), c.type().toLowerCase(Locale.ROOT), c.comment(), c.parameters()))
                .toList();
    }

    /** The parameters without the volatile ones, sorted by key. */
    private static Map<String, String> params(Map<String, String> parameters) {
        TreeMap<String, String> copy = new TreeMap<>(parameters);
        copy.keySet().removeAll(VOLATILE_PARAMETERS);
        return copy;
    }

    private static Instant seconds(Optional<Instant> time) {
        return time.map(t -> t.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
