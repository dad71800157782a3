package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.naming.CharacterReplacements;
import java.util.Map;

/**
 * Characters a source name or value may hold and MaxCompute may not, and what stands for them: MaxCompute Migration
 * Service's "Table Name / Column Name / Partition Value Character Mapping", a JSON object such as {@code {"%": "_"}}.
 * Each key is replaced wherever it occurs, longer keys first.
 */
public final class CharacterMapping {
    public static final CharacterMapping NONE = new CharacterMapping(Map.of());

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
        try {
            return new CharacterMapping(CharacterReplacements.parse(json));
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException(key, e.getMessage());
        }
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
