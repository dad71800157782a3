package dev.lakeport.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@code failed-<runId>.jsonl} file back into keys, to use as the scope of a later run ("retry just these").
 */
public final class FailedItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FailedItems() {}

    public static Set<ObjectKey> read(Path file) {
        TreeSet<ObjectKey> keys = new TreeSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    keys.add(keyOf(JSON.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(
                            file + " line " + n + " is not a failed-item record: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * The key of a failed-item or result line: its {@code key} object, written by every Lakeport; a line without one
     * (written by another tool, or by hand) is read by its {@code itemType} and {@code itemName}, Hive's
     * {@code db.table/k=v/...} for a partition.
     */
    static ObjectKey keyOf(JsonNode line) {
        JsonNode key = line.get("key");
        if (key == null && line.hasNonNull("itemType") && line.hasNonNull("itemName")) {
            return ObjectKey.fromItemName(
                    line.get("itemType").asText(), line.get("itemName").asText());
        }
        return key(line.path("key"));
    }

    static ObjectKey key(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("no key object");
        }
        List<String> values = new ArrayList<>();
        node.path("partitionValues").forEach(v -> values.add(v.asText()));
        JsonNode name = node.get("name");
        return new ObjectKey(
                ObjectKind.fromItemType(node.path("kind").asText()),
                node.path("database").asText(),
                name == null || name.isNull() ? Optional.empty() : Optional.of(name.asText()),
                values);
    }
}
