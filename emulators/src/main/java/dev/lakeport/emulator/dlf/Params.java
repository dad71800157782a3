package dev.lakeport.emulator.dlf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request's parameters: the SDK sends GET and DELETE parameters in the query string and POST and PUT parameters as
 * a JSON body, so both are looked up here by their wire names.
 */
final class Params {
    private final Map<String, String> query;
    private final ObjectNode body;

    Params(Map<String, String> query, ObjectNode body) {
        this.query = query;
        this.body = body;
    }

    private JsonNode node(String name) {
        JsonNode v = body == null ? null : body.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String text(String name) {
        JsonNode v = node(name);
        if (v != null) {
            return v.asText();
        }
        return query.get(name);
    }

    String required(String name) {
        String v = text(name);
        if (v == null || v.isEmpty()) {
            throw DlfException.invalidInput(name + " is mandatory for this action");
        }
        return v;
    }

    boolean bool(String name) {
        return Boolean.parseBoolean(text(name));
    }

    Integer integer(String name) {
        String v = text(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw DlfException.invalidInput(name + " must be an integer, got " + v);
        }
    }

    ObjectNode object(String name) {
        JsonNode v = node(name);
        if (v == null || !v.isObject()) {
            throw DlfException.invalidInput(name + " is mandatory for this action");
        }
        return (ObjectNode) v;
    }

    ArrayNode array(String name) {
        JsonNode v = node(name);
        if (v == null || !v.isArray()) {
            throw DlfException.invalidInput(name + " is mandatory for this action");
        }
        return (ArrayNode) v;
    }

    List<String> stringList(String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = node(name);
        if (v != null && v.isArray()) {
            v.forEach(item -> out.add(item.isNull() ? null : item.asText()));
        }
        return out;
    }
}
