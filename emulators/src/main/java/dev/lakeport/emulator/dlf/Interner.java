package dev.lakeport.emulator.dlf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal JSON objects between partitions. Storage descriptors are always interned (few distinct ones per table);
 * parameter maps only up to a bound, since per-partition statistics make most of them unique and interning those would
 * cost more than it saves.
 */
final class Interner {
    private static final int MAX_SHARED_PARAMETER_MAPS = 10_000;

    private final ObjectMapper json;
    private final ConcurrentHashMap<String, ObjectNode> descriptors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ObjectNode> parameters = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, String> roots = new ConcurrentHashMap<>();

    Interner(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode intern(ObjectNode node) {
        return descriptors.computeIfAbsent(text(node), k -> node);
    }

    /** One String per distinct table location, shared by the partitions under it. */
    String root(String location) {
        return roots.computeIfAbsent(location, k -> k);
    }

    /** The shared ObjectNode if this map is common enough to intern, else its UTF-8 JSON. */
    Object internOrBytes(ObjectNode node) {
        String text = text(node);
        ObjectNode shared = parameters.get(text);
        if (shared != null) {
            return shared;
        }
        if (parameters.size() < MAX_SHARED_PARAMETER_MAPS) {
            return parameters.computeIfAbsent(text, k -> node);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    ObjectNode parse(byte[] bytes) {
        try {
            return (ObjectNode) json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
