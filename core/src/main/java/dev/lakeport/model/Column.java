package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** A column of a table's storage descriptor or one of its partition keys (Glue Column, DLF FieldSchema). */
public record Column(String name, String type, Optional<String> comment, Map<String, String> parameters) {
    public Column {
        requireNonNull(name, "name is null");
        type = type == null ? "" : type;
        comment = comment == null ? Optional.empty() : comment;
        parameters = Immutables.map(parameters);
    }

    public static Column of(String name, String type) {
        return new Column(name, type, Optional.empty(), Map.of());
    }

    public static Column of(String name, String type, String comment) {
        return new Column(name, type, Optional.ofNullable(comment), Map.of());
    }
}
