package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.model.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * What the detail pane shows for the selected row: the object, the result of its own entry (none for a table whose
 * partitions alone differ), whether that entry is included, its fields side by side, a note in words, and for a
 * table on a route between type systems each column's type mapping (empty otherwise).
 */
public record EntryDetail(
        ObjectKey key,
        Optional<DiffResult> result,
        boolean included,
        List<FieldRow> rows,
        long changedFields,
        String note,
        List<ColumnTypeMapping> types) {
    public EntryDetail {
        requireNonNull(key, "key is null");
        requireNonNull(result, "result is null");
        rows = List.copyOf(rows);
        requireNonNull(note, "note is null");
        types = List.copyOf(types);
    }
}
