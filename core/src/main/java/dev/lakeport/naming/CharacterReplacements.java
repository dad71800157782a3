package dev.lakeport.naming;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The written form of a character mapping ({@code {"%": "_"}}), read the same way by the connector that checks a
 * setting and by the mapping step that applies it: a JSON object of non-empty keys to string replacements, returned
 * longest key first.
 */
public final class CharacterReplacements {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CharacterReplacements() {}

    /**
     * The replacements, longest key first.
     *
     * @throws IllegalArgumentException saying what is wrong (without a setting's key, which the caller adds)
     */
    public static Map<String, String> parse(String json) {
        requireNonNull(json, "json is null");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "must be a JSON object of characters to replacements, e.g. {\"%\": \"_\"}");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty()) {
                throw new IllegalArgumentException("an empty key replaces nothing");
            }
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "the replacement of \"" + e.getKey() + "\" must be a string, but is " + e.getValue());
            }
            entries.put(e.getKey(), e.getValue().asText());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        entries.entrySet().stream()
                .sorted((a, b) ->
                        Integer.compare(b.getKey().length(), a.getKey().length()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(ordered);
    }
}
