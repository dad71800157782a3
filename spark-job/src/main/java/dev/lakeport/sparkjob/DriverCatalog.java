package dev.lakeport.sparkjob;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.load.LoadScope;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import dev.lakeport.project.ScopeAdapter;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The driver's part of extract and transform: the databases, tables and functions of both catalogs in scope, listed
 * as a direct load lists them ({@link ScopeAdapter}), and compared as the direct diff compares them (the fingerprint
 * of the mapped source object against that of the destination object). It is also the {@link SnapshotView} the
 * driver's executor reads source objects from, mapped to destination form.
 */
final class DriverCatalog implements SnapshotView {
    private final Map<ObjectKey, CatalogObject> source = new TreeMap<>();
    private final Map<ObjectKey, CatalogObject> sourceMapped = new TreeMap<>();
    private final Map<ObjectKey, CatalogObject> destination = new TreeMap<>();
    private final List<Table> sourceTables = new ArrayList<>();
    private final List<Table> destinationTables = new ArrayList<>();

    /** Lists both sides; {@code listed} counts the objects read. */
    static DriverCatalog list(Catalogs catalogs, AtomicLong listed) {
        DriverCatalog c = new DriverCatalog();
        Scope scope = catalogs.scope();
        c.read(catalogs.glueReader(), new ScopeAdapter(scope, true), Side.SOURCE, scope, catalogs.mapping(), listed);
        c.read(catalogs.dlfReader(), new ScopeAdapter(scope, false), Side.DESTINATION, scope, null, listed);
        return c;
    }

    private void read(
            CatalogReader reader, LoadScope load, Side side, Scope scope, CatalogMapping mapping, AtomicLong listed) {
        List<Database> databases;
        try (Stream<Database> all = reader.databases()) {
            databases = all.filter(d -> load.includesDatabase(d.name())).toList();
        }
        for (Database d : databases) {
            put(side, d, mapping, scope, listed);
            try (Stream<Table> tables = reader.tables(d.name())) {
                tables.filter(t -> load.includesTable(d.name(), t.name())).forEach(t -> {
                    put(side, t, mapping, scope, listed);
                    if (t.isPartitioned() && load.includesPartitions() && scope.includes(t.key())) {
                        // A filter naming a key the table lacks fails here, before anything is written.
                        scope.partitionPredicate(t);
                        (side == Side.SOURCE ? sourceTables : destinationTables).add(t);
                    }
                });
            }
            if (!load.includesFunctions()) {
                continue; // lakeport.functions=false: the catalog is never asked for functions
            }
            try (Stream<Function> functions = reader.functions(d.name())) {
                functions
                        .filter(f -> load.includesFunction(d.name(), f.name()))
                        .forEach(f -> put(side, f, mapping, scope, listed));
            }
        }
    }

    private void put(Side side, CatalogObject o, CatalogMapping mapping, Scope scope, AtomicLong listed) {
        listed.incrementAndGet();
        if (!scope.includes(o.key())) {
            return;
        }
        if (side == Side.SOURCE) {
            source.put(o.key(), o);
            sourceMapped.put(o.key(), mapping.apply(o));
        } else {
            destination.put(o.key(), o);
        }
    }

    /** The differences of databases, tables and functions, in key order. */
    List<DiffEntry> diff() {
        List<DiffEntry> entries = new ArrayList<>();
        TreeMap<ObjectKey, Boolean> keys = new TreeMap<>();
        sourceMapped.keySet().forEach(k -> keys.put(k, true));
        destination.keySet().forEach(k -> keys.put(k, true));
        for (ObjectKey key : keys.keySet()) {
            CatalogObject s = sourceMapped.get(key);
            CatalogObject d = destination.get(key);
            if (d == null) {
                entries.add(DiffEntry.of(key, DiffResult.CREATE));
            } else if (s == null) {
                entries.add(DiffEntry.of(key, DiffResult.DELETE));
            } else if (Fingerprint.of(s) != Fingerprint.of(d)) {
                entries.add(DiffEntry.of(key, DiffResult.UPDATE));
            }
        }
        return entries;
    }

    /** Partitioned source tables in scope, as read from Glue. */
    List<Table> sourceTables() {
        return sourceTables;
    }

    /** Partitioned destination tables in scope. */
    List<Table> destinationTables() {
        return destinationTables;
    }

    /** Every table of both sides for the load tasks, source tables in destination form. */
    TableIndex tableIndex() {
        TableIndex index = new TableIndex();
        sourceMapped.values().stream().filter(o -> o instanceof Table).forEach(t -> index.put(Side.SOURCE, (Table) t));
        destination.values().stream()
                .filter(o -> o instanceof Table)
                .forEach(t -> index.put(Side.DESTINATION, (Table) t));
        return index;
    }

    Table mapped(Table sourceTable) {
        return (Table) sourceMapped.get(sourceTable.key());
    }

    long objectCount(Side side) {
        return side == Side.SOURCE ? source.size() : destination.size();
    }

    @Override
    public CloseableIterator<ScanEntry> scan(Side side) {
        throw new UnsupportedOperationException("the driver compares its objects itself");
    }

    @Override
    public Optional<CatalogObject> get(Side side, ObjectKey key) {
        return Optional.ofNullable(side == Side.SOURCE ? sourceMapped.get(key) : destination.get(key));
    }
}
