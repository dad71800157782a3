package dev.lakeport.model;

import java.util.Map;
import java.util.Optional;

/** Serializer / deserializer of a storage descriptor (Glue SerdeInfo, DLF SerDeInfo). */
public record SerDeInfo(Optional<String> name, Optional<String> serializationLibrary, Map<String, String> parameters) {
    public static final SerDeInfo EMPTY = new SerDeInfo(Optional.empty(), Optional.empty(), Map.of());

    public SerDeInfo {
        name = Immutables.optional(name);
        serializationLibrary = Immutables.optional(serializationLibrary);
        parameters = Immutables.map(parameters);
    }

    public static SerDeInfo of(String serializationLibrary, Map<String, String> parameters) {
        return new SerDeInfo(Optional.empty(), Optional.ofNullable(serializationLibrary), parameters);
    }
}
