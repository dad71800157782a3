package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;
import java.util.List;

/** One difference: the key, what to do about it, and for a {@code needUpdate} the fields that differ. */
public record DiffEntry(ObjectKey key, DiffResult result, List<FieldChange> changes) {
    public DiffEntry {
        requireNonNull(key, "key is null");
        requireNonNull(result, "result is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
    }

    public static DiffEntry of(ObjectKey key, DiffResult result) {
        return new DiffEntry(key, result, List.of());
    }
}
