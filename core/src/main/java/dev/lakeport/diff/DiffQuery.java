package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over the entries of a stored diff run. Empty {@code results} means every result; {@code table} names a
 * table (its own entry and its partitions' entries) or a function, within {@code database}.
 */
public record DiffQuery(
        Optional<ObjectKind> kind,
        Set<DiffResult> results,
        Optional<String> database,
        Optional<String> table,
        Optional<Boolean> included) {

    public DiffQuery {
        requireNonNull(kind, "kind is null");
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(included, "included is null");
        results = results.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(results));
        if (table.isPresent() && database.isEmpty()) {
            throw new IllegalArgumentException("a table filter needs a database");
        }
    }

    public static DiffQuery all() {
        return new DiffQuery(Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DiffQuery withKind(ObjectKind k) {
        return new DiffQuery(Optional.of(k), results, database, table, included);
    }

    public DiffQuery withResults(Set<DiffResult> r) {
        return new DiffQuery(kind, r, database, table, included);
    }

    public DiffQuery withResult(DiffResult r) {
        return withResults(Set.of(r));
    }

    public DiffQuery withDatabase(String db) {
        return new DiffQuery(kind, results, Optional.of(db.toLowerCase(java.util.Locale.ROOT)), table, included);
    }

    public DiffQuery withTable(String db, String t) {
        return new DiffQuery(
                kind,
                results,
                Optional.of(db.toLowerCase(java.util.Locale.ROOT)),
                Optional.of(t.toLowerCase(java.util.Locale.ROOT)),
                included);
    }

    public DiffQuery includedOnly() {
        return new DiffQuery(kind, results, database, table, Optional.of(true));
    }
}
