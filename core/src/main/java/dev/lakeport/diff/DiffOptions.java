package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.util.function.Predicate;

/**
 * How to compare. {@code comparePartition} is the seed's key of the same name: false leaves partitions out entirely.
 * {@code scope} keeps only the keys it accepts (database / table filters, or the failed items of an earlier run).
 */
public record DiffOptions(boolean comparePartition, Predicate<ObjectKey> scope) {
    public DiffOptions {
        requireNonNull(scope, "scope is null");
    }

    public static DiffOptions defaults() {
        return new DiffOptions(true, key -> true);
    }

    public DiffOptions withComparePartition(boolean compare) {
        return new DiffOptions(compare, scope);
    }

    public DiffOptions withScope(Predicate<ObjectKey> newScope) {
        return new DiffOptions(comparePartition, newScope);
    }

    boolean accepts(ObjectKey key) {
        if (!comparePartition && key.kind() == ObjectKind.PARTITION) {
            return false;
        }
        return scope.test(key);
    }
}
