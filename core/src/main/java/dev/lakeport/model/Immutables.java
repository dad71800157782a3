package dev.lakeport.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Null-tolerant immutable copies: the model treats a missing collection as an empty one. */
public final class Immutables {
    private Immutables() {}

    /** An immutable copy sorted by key, so equal maps print and hash the same way. Null values are dropped. */
    public static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** An immutable copy that keeps the given order (for maps whose keys are not strings). */
    public static <K, V> Map<K, V> orderedMap(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return List.copyOf(list);
    }

    public static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** Blank strings count as absent: both catalogs return "" and null interchangeably. */
    public static Optional<String> text(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
