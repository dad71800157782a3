package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.mapping.InvalidMappingException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Characters a source name or value may hold and MaxCompute may not, and what stands for them: MaxCompute Migration
 * Service's "Table Name / Column Name / Partition Value Character Mapping", a JSON object such as {@code {"%": "_"}}.
 * Each key is replaced wherever it occurs, longer keys first.
 */
public final class CharacterMapping {
    public static final CharacterMapping NONE = new CharacterMapping(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> replacements;

    private CharacterMapping(Map<String, String> replacements) {
        this.replacements = replacements;
    }

    /**
     * The mapping written as JSON under {@code key}; blank means none.
     *
     * @throws InvalidMappingException naming {@code key} and what is wrong
     */
    public static CharacterMapping parse(String key, String json) {
        requireNonNull(key, "key is null");
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMappingException(key, "is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidMappingException(
                    key, "must be a JSON object of characters to replacements, e.g. {\"%\": \"_\"}");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty()) {
                throw new InvalidMappingException(key, "an empty key replaces nothing");
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidMappingException(
                        key, "the replacement of \"" + e.getKey() + "\" must be a string, but is " + e.getValue());
            }
            entries.put(e.getKey(), e.getValue().asText());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        entries.entrySet().stream()
                .sorted((a, b) ->
                        Integer.compare(b.getKey().length(), a.getKey().length()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new CharacterMapping(java.util.Collections.unmodifiableMap(ordered));
    }

    /** {@code text} with every key replaced, scanning left to right, the longest key first at each place. */
    public String apply(String text) {
        requireNonNull(text, "text is null");
        if (replacements.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        scan:
        while (i < text.length()) {
            for (Map.Entry<String, String> e : replacements.entrySet()) {
                if (text.startsWith(e.getKey(), i)) {
                    out.append(e.getValue());
                    i += e.getKey().length();
                    continue scan;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }

    public Map<String, String> replacements() {
        return replacements;
    }
}
