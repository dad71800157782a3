package dev.lakeport.connector.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Glue shapes as compact JSON with sorted keys, in Glue's own wire names ({@code CatalogId}, times as epoch seconds),
 * for the fields the model has no place for. Driven by the SDK's field metadata, so a field added to a shape in a
 * later SDK travels without code changes. Reading ignores members the target shape lacks, which is how an output
 * shape's JSON (a {@code ViewDefinition}) becomes the matching input shape ({@code ViewDefinitionInput}).
 */
final class GlueJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GlueJson() {}

    /** Any value a Glue field holds (a shape, a list, a map, a string, a number, a boolean, a time) as JSON text. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(toNode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Glue value as JSON", e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a shape of the type {@code builder} builds. */
    @SuppressWarnings("unchecked")
    static <T> T readShape(String json, Supplier<? extends SdkBuilder<?, T>> builder) {
        SdkBuilder<?, T> b = builder.get();
        fill((SdkPojo) b, parse(json));
        return b.build();
    }

    /** Reads a value of a given field's type, e.g. a list of shapes. */
    static Object readField(String json, SdkField<?> field) {
        return fromNode(parse(json), field);
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            TreeMap<String, JsonNode> members = new TreeMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                if (v != null && !isUnsetCollection(v)) {
                    members.put(field.locationName(), toNode(v));
                }
            }
            ObjectNode node = NODES.objectNode();
            members.forEach(node::set);
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(v -> node.add(toNode(v)));
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, JsonNode> entries = new TreeMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), toNode(v)));
            ObjectNode node = NODES.objectNode();
            entries.forEach(node::set);
            return node;
        }
        if (value instanceof Document document) {
            return documentNode(document);
        }
        if (value instanceof Instant instant) {
            return NODES.numberNode(epochSeconds(instant));
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        return NODES.textNode(value.toString());
    }

    private static JsonNode documentNode(Document d) {
        if (d.isMap()) {
            return toNode(d.asMap());
        }
        if (d.isList()) {
            return toNode(d.asList());
        }
        if (d.isString()) {
            return NODES.textNode(d.asString());
        }
        if (d.isNumber()) {
            return NODES.numberNode(d.asNumber().bigDecimalValue());
        }
        if (d.isBoolean()) {
            return NODES.booleanNode(d.asBoolean());
        }
        return NODES.nullNode();
    }

    private static Document document(JsonNode node) {
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), document(e.getValue())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>();
            node.forEach(n -> list.add(document(n)));
            return Document.fromList(list);
        }
        if (node.isTextual()) {
            return Document.fromString(node.asText());
        }
        if (node.isNumber()) {
            return Document.fromNumber(node.decimalValue());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.asBoolean());
        }
        return Document.fromNull();
    }

    private static BigDecimal epochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond());
        if (instant.getNano() == 0) {
            return seconds;
        }
        return seconds.add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros();
    }

    /** The SDK returns an "auto-construct" empty list / map for members absent from a response; those are unset. */
    private static boolean isUnsetCollection(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    private static void fill(SdkPojo builder, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType());
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode member = node.get(field.locationName());
            if (member != null && !member.isNull()) {
                field.set(builder, fromNode(member, field));
            }
        }
    }

    private static Object fromNode(JsonNode node, SdkField<?> field) {
        if (node == null || node.isNull()) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            fill(builder, node);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(fromNode(n, member)));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> e = entries.next();
                map.put(e.getKey(), fromNode(e.getValue(), value));
            }
            return map;
        }
        if (type == MarshallingType.STRING) {
            return node.asText();
        }
        if (type == MarshallingType.BOOLEAN) {
            return node.asBoolean();
        }
        if (type == MarshallingType.INTEGER) {
            return node.asInt();
        }
        if (type == MarshallingType.LONG) {
            return node.asLong();
        }
        if (type == MarshallingType.DOUBLE) {
            return node.asDouble();
        }
        if (type == MarshallingType.FLOAT) {
            return (float) node.asDouble();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return node.decimalValue();
        }
        if (type == MarshallingType.DOCUMENT) {
            return document(node);
        }
        if (type == MarshallingType.INSTANT) {
            BigDecimal seconds = node.decimalValue();
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole))
                    .movePointRight(9)
                    .intValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        throw new IllegalArgumentException(
                "unsupported Glue field type " + type + " of " + field.memberName() + " in carried JSON");
    }
}
