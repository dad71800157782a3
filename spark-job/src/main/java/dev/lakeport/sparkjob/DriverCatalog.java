package dev.lakeport.sparkjob;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.diff.DiffEngine;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffRule;
import dev.lakeport.load.LoadScope;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.ScopeAdapter;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The driver's part of extract and transform: the databases, tables and functions of both catalogs in scope, listed
 * as a direct load lists them ({@link ScopeAdapter}), and compared by the direct diff's own {@link DiffEngine} (the
 * fingerprint of the mapped source object against that of the destination object). It is the {@link SnapshotView}
 * that engine scans, and the one the driver's executor reads source objects from, mapped to destination form.
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
        DiffRule rule = catalogs.diffRule();
        c.read(
                catalogs.sourceReader(),
                new ScopeAdapter(scope, true),
                Side.SOURCE,
                scope,
                rule,
                catalogs.mapping(),
                listed);
        c.read(
                catalogs.destinationReader(),
                new ScopeAdapter(scope, false),
                Side.DESTINATION,
                scope,
                rule,
                null,
                listed);
        return c;
    }

    private void read(
            CatalogReader reader,
            LoadScope load,
            Side side,
            Scope scope,
            DiffRule rule,
            UnaryOperator<CatalogObject> mapping,
            AtomicLong listed) {
        List<Database> databases;
        try (Stream<Database> all = reader.databases()) {
            databases = all.filter(d -> load.includesDatabase(d.name())).toList();
        }
        for (Database d : databases) {
            put(side, d, mapping, rule, listed);
            try (Stream<Table> tables = reader.tables(d.name())) {
                tables.filter(t -> load.includesTable(d.name(), t.name())).forEach(t -> {
                    put(side, t, mapping, rule, listed);
                    if (t.isPartitioned() && load.includesPartitions() && rule.accepts(t.key())) {
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
                        .forEach(f -> put(side, f, mapping, rule, listed));
            }
        }
    }

    private void put(
            Side side, CatalogObject o, UnaryOperator<CatalogObject> mapping, DiffRule rule, AtomicLong listed) {
        listed.incrementAndGet();
        if (!rule.accepts(o.key())) {
            return;
        }
        if (side == Side.SOURCE) {
            source.put(o.key(), o);
            sourceMapped.put(o.key(), mapping.apply(o));
        } else {
            destination.put(o.key(), o);
        }
    }

    /**
     * The differences of databases, tables and functions, in key order, found by the direct diff's engine over what
     * was listed (already in scope).
     */
    List<DiffEntry> diff() {
        List<DiffEntry> entries = new ArrayList<>();
        new DiffEngine(this).run(DiffOptions.defaults(), entries::add, ProgressListener.NONE, CancellationToken.NONE);
        return entries;
    }

    /** Partitioned source tables in scope, as read from the source. */
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

    /** A side's objects in key order with the fingerprints of their destination forms, as a snapshot scan gives. */
    @Override
    public CloseableIterator<ScanEntry> scan(Side side) {
        Map<ObjectKey, CatalogObject> objects = side == Side.SOURCE ? sourceMapped : destination;
        return CloseableIterator.of(objects.entrySet().stream()
                .map(e -> new ScanEntry(e.getKey(), Fingerprint.of(e.getValue())))
                .iterator());
    }

    @Override
    public Optional<CatalogObject> get(Side side, ObjectKey key) {
        return Optional.ofNullable(side == Side.SOURCE ? sourceMapped.get(key) : destination.get(key));
    }
}
