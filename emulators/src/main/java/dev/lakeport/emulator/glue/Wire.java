package dev.lakeport.emulator.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Reading and checking request members against the Glue model's constraints (lengths, ranges, required members),
 * and the wire's time format (epoch seconds, fractions allowed).
 */
final class Wire {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final long ABSENT_TIME = Long.MIN_VALUE;

    /** NameString in the model: 1-255 characters, one line. */
    static final int NAME_MAX = 255;

    private Wire() {}

    static ObjectNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw GlueServiceException.validation(
                    "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        if (!node.isObject()) {
            throw new GlueServiceException("SerializationException", 400, "Expected an object for " + field);
        }
        return (ObjectNode) node;
    }

    static ObjectNode optionalObject(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new GlueServiceException("SerializationException", 400, "Expected an object for " + field);
        }
        return (ObjectNode) node;
    }

    /** A required NameString; Glue answers malformed names with InvalidInputException. */
    static String name(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw GlueServiceException.validation(
                    "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return checkName(node, field);
    }

    static String optionalName(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return checkName(node, field);
    }

    static String checkName(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new GlueServiceException("SerializationException", 400, "Expected a string for " + field);
        }
        String value = node.textValue();
        if (value.isEmpty() || value.length() > NAME_MAX) {
            throw GlueServiceException.invalidInput(
                    field + " must be between 1 and " + NAME_MAX + " characters long, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || (c < 0x20 && c != '\t')) {
                throw GlueServiceException.invalidInput(field + " must be a single line without control characters");
            }
        }
        return value;
    }

    /** Glue folds database and table names to lower case when it stores them. */
    static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String optionalText(JsonNode parent, String field, int max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new GlueServiceException("SerializationException", 400, "Expected a string for " + field);
        }
        String value = node.textValue();
        if (value.length() > max) {
            throw GlueServiceException.invalidInput(
                    field + " must be at most " + max + " characters long, got " + value.length());
        }
        return value;
    }

    static int pageSize(JsonNode request, int min, int max, int defaultSize) {
        JsonNode node = request.get("MaxResults");
        if (node == null || node.isNull()) {
            return defaultSize;
        }
        if (!node.canConvertToInt()) {
            throw GlueServiceException.invalidInput("MaxResults must be an integer");
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw GlueServiceException.invalidInput(
                    "MaxResults must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static String optionalToken(JsonNode request) {
        JsonNode node = request.get("NextToken");
        if (node == null
                || node.isNull()
                || (node.isTextual() && node.textValue().isEmpty())) {
            return null;
        }
        if (!node.isTextual()) {
            throw GlueServiceException.invalidInput("NextToken must be a string");
        }
        return node.textValue();
    }

    /** A list member that the model bounds in length; AWS answers violations with a ValidationException. */
    static JsonNode boundedList(JsonNode parent, String field, String path, int min, int max, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw GlueServiceException.validation(
                        "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            }
            return NODES.arrayNode();
        }
        if (!node.isArray()) {
            throw new GlueServiceException("SerializationException", 400, "Expected a list for " + field);
        }
        if (node.size() > max) {
            throw GlueServiceException.validation("Value '" + abbreviate(node.toString()) + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (node.size() < min) {
            throw GlueServiceException.validation("Value '" + abbreviate(node.toString()) + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
        }
        return node;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Epoch seconds (fractions allowed) to milliseconds; {@link #ABSENT_TIME} when missing. */
    static long timeMillis(JsonNode node) {
        if (node == null || node.isNull()) {
            return ABSENT_TIME;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue() * 1000;
        }
        if (node.isDouble() || node.isFloat()) {
            // Epoch milliseconds stay far below 2^53, so the double holds them exactly enough to round.
            return Math.round(node.doubleValue() * 1000);
        }
        if (node.isNumber()) {
            return node.decimalValue().movePointRight(3).longValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue()).movePointRight(3).longValue();
            } catch (NumberFormatException e) {
                throw new GlueServiceException("SerializationException", 400, "Malformed timestamp " + node);
            }
        }
        throw new GlueServiceException("SerializationException", 400, "Malformed timestamp " + node);
    }

    static JsonNode timeNode(long millis) {
        if (millis % 1000 == 0) {
            return LongNode.valueOf(millis / 1000);
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(millis, 3));
    }

    /** Epoch seconds as the wire writes them: whole seconds plain, else with three decimals. */
    static String timeText(long millis) {
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }
}
