package dev.lakeport.load;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a catalog into one side of a snapshot: databases, tables and functions in scope, then the partitions of each
 * table, several tables at a time. A table whose partitions cannot be read is recorded as a failure and left
 * incomplete and the side is not completed; the others still load. Tables that an interrupted earlier load of the
 * same side completed are skipped, so a restarted load converges to the same snapshot without reading everything
 * again.
 */
public final class CatalogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLoader.class);
    /** Partitions read between two {@link LoadListener#partitionsRead} calls. */
    static final int PARTITIONS_PER_REPORT = 256;

    private final int tableConcurrency;

    public CatalogLoader(int tableConcurrency) {
        if (tableConcurrency < 1) {
            throw new IllegalArgumentException("tableConcurrency must be positive");
        }
        this.tableConcurrency = tableConcurrency;
    }

    public LoadSummary load(
            CatalogReader reader,
            LoadScope scope,
            LoadTarget target,
            String phaseName,
            ProgressListener progress,
            CancellationToken cancel) {
        requireNonNull(reader, "reader is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(target, "target is null");
        Instant start = Instant.now();
        LoadListener events = LoadListener.of(progress);
        List<LoadSummary.LoadFailure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong partitions = new AtomicLong();
        AtomicLong resumed = new AtomicLong();
        long databases = 0;
        long functions = 0;
        List<Table> tables = new ArrayList<>();
        boolean cancelled = false;

        try {
            progress.message("listing databases");
            List<Database> inScope;
            try (Stream<Database> all = reader.databases()) {
                inScope = all.filter(d -> scope.includesDatabase(d.name())).toList();
            }
            for (Database database : inScope) {
                cancel.check();
                target.putDatabase(database);
                databases++;
                progress.message("listing " + database.name());
                try {
                    List<Table> dbTables;
                    try (Stream<Table> all = reader.tables(database.name())) {
                        dbTables = all.filter(t -> scope.includesTable(database.name(), t.name()))
                                .toList();
                    }
                    dbTables.forEach(target::putTable);
                    tables.addAll(dbTables);
                    List<Function> dbFunctions = List.of();
                    if (scope.includesFunctions()) {
                        try (Stream<Function> all = reader.functions(database.name())) {
                            dbFunctions = all.filter(f -> scope.includesFunction(database.name(), f.name()))
                                    .toList();
                        }
                    }
                    dbFunctions.forEach(target::putFunction);
                    functions += dbFunctions.size();
                    events.databaseListed(database.name(), dbTables.size(), dbFunctions.size());
                } catch (ConnectorException e) {
                    failures.add(new LoadSummary.LoadFailure(database.name(), e.summary(), Optional.of(e.code())));
                    events.databaseFailed(database.name(), e.summary());
                }
            }

            progress.phase(phaseName, tables.size());
            cancelled = !loadPartitions(reader, scope, target, tables, progress, cancel, partitions, resumed, failures);
            if (!cancelled && failures.isEmpty()) {
                target.complete();
            }
        } catch (CancellationException e) {
            cancelled = true;
        }
        LoadSummary summary = new LoadSummary(
                databases,
                tables.size(),
                partitions.get(),
                functions,
                resumed.get(),
                Duration.between(start, Instant.now()),
                failures,
                cancelled);
        LOG.info(
                "{}: {} databases, {} tables ({} resumed), {} partitions, {} functions, {} failures in {}",
                phaseName,
                databases,
                tables.size(),
                resumed.get(),
                partitions.get(),
                functions,
                failures.size(),
                summary.duration());
        return summary;
    }

    /** Loads every table's partitions; returns false if cancelled. */
    private boolean loadPartitions(
            CatalogReader reader,
            LoadScope scope,
            LoadTarget target,
            List<Table> tables,
            ProgressListener progress,
            CancellationToken cancel,
            AtomicLong partitions,
            AtomicLong resumed,
            List<LoadSummary.LoadFailure> failures) {
        LoadListener events = LoadListener.of(progress);
        ExecutorService pool = Executors.newFixedThreadPool(tableConcurrency, r -> {
            Thread t = new Thread(r, "load-table");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Table table : tables) {
                futures.add(pool.submit(() -> {
                    if (cancel.isCancelled()) {
                        return;
                    }
                    String name = table.databaseName() + "." + table.name();
                    try {
                        if (!table.isPartitioned() || !scope.includesPartitions()) {
                            // nothing to read: the table row itself was stored while listing
                            events.tableLoaded(table.databaseName(), table.name(), 0, false);
                        } else if (target.isTableComplete(table.databaseName(), table.name())) {
                            resumed.incrementAndGet();
                            events.tableLoaded(table.databaseName(), table.name(), 0, true);
                        } else {
                            progress.message(name);
                            long read = loadTable(reader, scope, target, table, cancel, events);
                            partitions.addAndGet(read);
                            events.tableLoaded(table.databaseName(), table.name(), read, false);
                        }
                        progress.advance(1, 0);
                    } catch (ConnectorException e) {
                        if (cancel.isCancelled()) {
                            // Stopping the load interrupts the other tables' calls: not the catalog's failure.
                            return;
                        }
                        failures.add(new LoadSummary.LoadFailure(name, e.summary(), Optional.of(e.code())));
                        events.tableFailed(table.databaseName(), table.name(), e.summary());
                        progress.advance(1, 1);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancellationException) {
                        return false;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !cancel.isCancelled();
        } finally {
            pool.shutdownNow();
        }
    }

    private static long loadTable(
            CatalogReader reader,
            LoadScope scope,
            LoadTarget target,
            Table table,
            CancellationToken cancel,
            LoadListener events) {
        Optional<String> expression = scope.partitionExpression(table);
        Optional<Predicate<List<String>>> predicate = scope.partitionPredicate(table);
        try (Stream<Partition> stream = reader.partitions(table, expression)) {
            Stream<Partition> filtered = predicate
                    .map(p -> stream.filter(part -> p.test(part.values())))
                    .orElse(stream);
            Iterator<Partition> it = filtered.iterator();
            long[] unreported = {0};
            try {
                return target.replacePartitions(table, new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        cancel.check();
                        return it.hasNext();
                    }

                    @Override
                    public Partition next() {
                        Partition p = it.next();
                        if (++unreported[0] == PARTITIONS_PER_REPORT) {
                            events.partitionsRead(table.databaseName(), table.name(), unreported[0]);
                            unreported[0] = 0;
                        }
                        return p;
                    }
                });
            } finally {
                if (unreported[0] > 0) {
                    events.partitionsRead(table.databaseName(), table.name(), unreported[0]);
                }
            }
        }
    }
}
