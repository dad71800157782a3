package dev.lakeport.emulator.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque NextToken values. A token names the last key a page returned (not an offset), so paging resumes right after
 * it even when objects were added or removed meanwhile: nothing unchanged is returned twice or skipped.
 */
final class PageToken {
    private PageToken() {}

    static String ofName(String kind, String lastName) {
        ObjectNode token = Wire.NODES.objectNode();
        token.put("k", kind);
        token.put("n", lastName);
        return encode(token);
    }

    static String nameOf(String kind, String token) {
        JsonNode node = decode(token);
        if (!kind.equals(node.path("k").asText()) || !node.path("n").isTextual()) {
            throw invalid();
        }
        return node.get("n").textValue();
    }

    static String ofPartition(String[] lastValues, int segment, int totalSegments, String expression) {
        ObjectNode token = Wire.NODES.objectNode();
        token.put("k", "p");
        token.put("s", segment);
        token.put("t", totalSegments);
        token.put("e", expression == null ? 0 : expression.hashCode());
        ArrayNode values = token.putArray("v");
        for (String value : lastValues) {
            values.add(value);
        }
        return encode(token);
    }

    /** The last values of the previous page; the token must belong to the same segment and filter. */
    static String[] partitionValuesOf(String token, int segment, int totalSegments, String expression) {
        JsonNode node = decode(token);
        if (!"p".equals(node.path("k").asText())
                || node.path("s").asInt(-1) != segment
                || node.path("t").asInt(-1) != totalSegments
                || node.path("e").asInt() != (expression == null ? 0 : expression.hashCode())
                || !node.path("v").isArray()) {
            throw invalid();
        }
        JsonNode values = node.get("v");
        String[] result = new String[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i).asText();
        }
        return result;
    }

    private static String encode(ObjectNode token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Wire.MAPPER.writeValueAsBytes(token));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode decode(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            JsonNode node = Wire.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw invalid();
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid();
        }
    }

    private static GlueServiceException invalid() {
        return GlueServiceException.invalidInput("Invalid pagination token");
    }
}
