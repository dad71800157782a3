package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.Scope;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A scope applied to what a snapshot holds: names as {@link Scope#includes(ObjectKey)} does, and for partitions the
 * table's partition filter too, typed by the table's keys as stored. So a scope narrowed after a load (a new
 * partition filter) takes effect at the next diff; a snapshot loaded under a wider scope is not diffed whole.
 */
final class SnapshotScope implements Predicate<ObjectKey> {
    private final Scope scope;
    private final SnapshotView view;
    // One bound test per table that has a filter or a partition rule; tables are few next to partitions.
    private final Map<ObjectKey, Predicate<List<String>>> byTable = new HashMap<>();

    SnapshotScope(Scope scope, SnapshotView view) {
        this.scope = requireNonNull(scope, "scope is null");
        this.view = requireNonNull(view, "view is null");
    }

    @Override
    public boolean test(ObjectKey key) {
        if (!scope.includes(key)) {
            return false;
        }
        if (key.kind() != ObjectKind.PARTITION || !scope.filtersPartitions(key.database(), key.requireName())) {
            return true;
        }
        ObjectKey tableKey = key.parent().orElseThrow();
        Predicate<List<String>> test = byTable.computeIfAbsent(tableKey, this::bind);
        return test.test(key.partitionValues());
    }

    private Predicate<List<String>> bind(ObjectKey tableKey) {
        Optional<Table> table = table(Side.SOURCE, tableKey).or(() -> table(Side.DESTINATION, tableKey));
        // A partition without its table in either side cannot be typed; keep it, as before the filter existed.
        return table.map(scope::partitionPredicate).orElse(values -> true);
    }

    private Optional<Table> table(Side side, ObjectKey tableKey) {
        return view.get(side, tableKey).filter(Table.class::isInstance).map(Table.class::cast);
    }
}
