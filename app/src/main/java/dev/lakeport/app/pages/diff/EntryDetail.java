package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * What the detail pane shows for the selected row: the object, the result of its own entry (none for a table whose
 * partitions alone differ), whether that entry is included, its fields side by side and a note in words.
 */
public record EntryDetail(
        ObjectKey key,
        Optional<DiffResult> result,
        boolean included,
        List<FieldRow> rows,
        long changedFields,
        String note) {
    public EntryDetail {
        requireNonNull(key, "key is null");
        requireNonNull(result, "result is null");
        rows = List.copyOf(rows);
        requireNonNull(note, "note is null");
    }
}
