package dev.lakeport.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The loader's per-database and per-table events, which the desktop's Load page shows as the load goes. */
class CatalogLoaderTest {

    @Test
    void reportsEveryDatabaseAndTableAndCountsPartitionsAsTheyAreRead() {
        FakeReader reader = new FakeReader()
                .table("sales", "orders", 1_000)
                .table("sales", "refunds", 3)
                .table("sales", "currencies", 0)
                .table("web", "clicks", 300)
                .withFunction("sales", "mask");
        Events events = new Events();

        LoadSummary summary = new CatalogLoader(2)
                .load(reader, LoadScope.ALL, new FakeTarget(), "load source", events, CancellationToken.NONE);

        assertThat(summary.complete()).isTrue();
        assertThat(summary.partitions()).isEqualTo(1_303);
        assertThat(events.listed).containsExactly("sales:3:1", "web:1:0");
        assertThat(events.read).containsEntry("sales.orders", 1_000L).containsEntry("sales.refunds", 3L);
        assertThat(events.read).containsEntry("web.clicks", 300L).doesNotContainKey("sales.currencies");
        // Reported in batches, not once a partition: 1,000 partitions make 3 full batches and the rest.
        assertThat(events.readCalls.get("sales.orders")).isEqualTo(4);
        assertThat(events.loaded)
                .containsExactlyInAnyOrder(
                        "sales.orders:1000:read",
                        "sales.refunds:3:read",
                        "sales.currencies:0:read",
                        "web.clicks:300:read");
        assertThat(events.failed).isEmpty();
        // The plain progress calls are still made: one phase over the tables, one advance each.
        assertThat(events.phases).containsExactly("load source:4");
        assertThat(events.advanced.get()).isEqualTo(4);
    }

    @Test
    void aTableThatTheInterruptedLoadFinishedIsReportedAsResumedWithoutReadingIt() {
        FakeReader reader = new FakeReader().table("sales", "orders", 500).table("sales", "refunds", 20);
        FakeTarget target = new FakeTarget();
        target.complete.add("sales.orders");
        Events events = new Events();

        LoadSummary summary =
                new CatalogLoader(1).load(reader, LoadScope.ALL, target, "load", events, CancellationToken.NONE);

        assertThat(summary.tablesResumed()).isEqualTo(1);
        assertThat(events.loaded).containsExactlyInAnyOrder("sales.orders:0:resumed", "sales.refunds:20:read");
        assertThat(events.read).doesNotContainKey("sales.orders");
        assertThat(reader.partitionReads).containsExactly("sales.refunds");
    }

    @Test
    void failuresAreReportedAsTheyHappenWithTheCatalogsError() {
        FakeReader reader = new FakeReader()
                .table("sales", "orders", 10)
                .table("sales", "broken", 10)
                .table("web", "clicks", 10)
                .table("hr", "people", 1);
        reader.failingTables.add("sales.broken");
        reader.failingDatabases.add("hr");
        Events events = new Events();

        LoadSummary summary = new CatalogLoader(2)
                .load(reader, LoadScope.ALL, new FakeTarget(), "load", events, CancellationToken.NONE);

        assertThat(summary.complete()).isFalse();
        assertThat(summary.failures()).hasSize(2);
        assertThat(events.failed)
                .containsExactlyInAnyOrder(
                        "hr: UNAVAILABLE: cannot list hr", "sales.broken: UNAVAILABLE: cannot read sales.broken");
        assertThat(events.listed).containsExactly("sales:2:0", "web:1:0");
        assertThat(events.loaded).containsExactlyInAnyOrder("sales.orders:10:read", "web.clicks:10:read");
    }

    @Test
    void callsInterruptedByACancelAreNotReportedAsTheCatalogsFailures() throws Exception {
        FakeReader reader = new FakeReader().table("sales", "orders", 5_000).table("sales", "slow", 10);
        java.util.concurrent.CountDownLatch slowEnded = new java.util.concurrent.CountDownLatch(1);
        reader.blockingTables.put("sales.slow", slowEnded);
        CancellationToken cancel = new CancellationToken();
        Events events = new Events() {
            @Override
            public void partitionsRead(String database, String table, long count) {
                super.partitionsRead(database, table, count);
                try {
                    // Cancel only once the slow table's call is under way, as a user's cancel would find it.
                    reader.blockingStarted.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cancel.cancel();
            }
        };

        LoadSummary summary =
                new CatalogLoader(2).load(reader, LoadScope.ALL, new FakeTarget(), "load", events, cancel);

        assertThat(slowEnded.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.failures()).isEmpty();
        assertThat(events.failed).isEmpty();
    }

    @Test
    void aPlainProgressListenerGetsWhatItAlwaysGot() {
        FakeReader reader = new FakeReader().table("sales", "orders", 700);
        List<String> messages = new CopyOnWriteArrayList<>();
        ProgressListener plain = new ProgressListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };

        LoadSummary summary = new CatalogLoader(1)
                .load(reader, LoadScope.ALL, new FakeTarget(), "load", plain, CancellationToken.NONE);

        assertThat(summary.partitions()).isEqualTo(700);
        assertThat(messages).containsExactly("listing databases", "listing sales", "sales.orders");
    }

    // ------------------------------------------------------------------ fixtures

    private static class Events implements LoadListener {
        final List<String> listed = new CopyOnWriteArrayList<>();
        final Map<String, Long> read = new ConcurrentHashMap<>();
        final Map<String, Integer> readCalls = new ConcurrentHashMap<>();
        final List<String> loaded = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();
        final List<String> phases = new CopyOnWriteArrayList<>();
        final AtomicLong advanced = new AtomicLong();

        @Override
        public void phase(String name, long total) {
            phases.add(name + ":" + total);
        }

        @Override
        public void advance(long done, long failedCount) {
            advanced.addAndGet(done);
        }

        @Override
        public void databaseListed(String database, long tables, long functions) {
            listed.add(database + ":" + tables + ":" + functions);
        }

        @Override
        public void databaseFailed(String database, String error) {
            failed.add(database + ": " + error);
        }

        @Override
        public void partitionsRead(String database, String table, long count) {
            read.merge(database + "." + table, count, Long::sum);
            readCalls.merge(database + "." + table, 1, Integer::sum);
        }

        @Override
        public void tableLoaded(String database, String table, long partitions, boolean resumed) {
            loaded.add(database + "." + table + ":" + partitions + ":" + (resumed ? "resumed" : "read"));
        }

        @Override
        public void tableFailed(String database, String table, String error) {
            failed.add(database + "." + table + ": " + error);
        }
    }

    /** A catalog in memory; tables with a partition count above zero are partitioned by {@code n}. */
    private static final class FakeReader implements CatalogReader {
        final Map<String, List<Table>> tables = new LinkedHashMap<>();
        final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
        final Map<String, List<Function>> functions = new LinkedHashMap<>();
        final Set<String> failingTables = ConcurrentHashMap.newKeySet();
        final Set<String> failingDatabases = ConcurrentHashMap.newKeySet();
        final List<String> partitionReads = new CopyOnWriteArrayList<>();
        /** Tables whose partition stream waits until its thread is interrupted, then fails as Glue's reader does. */
        final Map<String, java.util.concurrent.CountDownLatch> blockingTables = new ConcurrentHashMap<>();

        final java.util.concurrent.CountDownLatch blockingStarted = new java.util.concurrent.CountDownLatch(1);

        FakeReader table(String db, String name, int partitions) {
            Table.Builder b = Table.builder(db, name).tableType("EXTERNAL_TABLE");
            if (partitions > 0) {
                b.partitionKeys(List.of(Column.of("n", "int")));
            }
            tables.computeIfAbsent(db, k -> new ArrayList<>()).add(b.build());
            functions.computeIfAbsent(db, k -> new ArrayList<>());
            partitionCounts.put(db + "." + name, partitions);
            return this;
        }

        FakeReader withFunction(String db, String name) {
            functions
                    .computeIfAbsent(db, k -> new ArrayList<>())
                    .add(new Function(
                            db,
                            name,
                            "com.example.Mask",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            List.of(),
                            Optional.empty()));
            return this;
        }

        @Override
        public Stream<Database> databases() {
            return tables.keySet().stream().map(Database::of);
        }

        @Override
        public Optional<Database> database(String name) {
            return Optional.of(Database.of(name));
        }

        @Override
        public Stream<Table> tables(String database) {
            if (failingDatabases.contains(database)) {
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "cannot list " + database);
            }
            return tables.getOrDefault(database, List.of()).stream();
        }

        @Override
        public Optional<Table> table(String database, String name) {
            return Optional.empty();
        }

        @Override
        public Stream<Partition> partitions(Table table, Optional<String> expression) {
            String name = table.databaseName() + "." + table.name();
            if (failingTables.contains(name)) {
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "cannot read " + name);
            }
            partitionReads.add(name);
            java.util.concurrent.CountDownLatch ended = blockingTables.get(name);
            if (ended != null) {
                blockingStarted.countDown();
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException(ErrorCode.INTERNAL, "interrupted while listing partitions of " + name);
                } finally {
                    ended.countDown();
                }
            }
            return IntStream.range(0, partitionCounts.get(name))
                    .mapToObj(i -> new Partition(
                            table.databaseName(),
                            table.name(),
                            List.of(Integer.toString(i)),
                            Optional.empty(),
                            Map.of(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()));
        }

        @Override
        public List<Partition> partitions(Table table, List<List<String>> values) {
            return List.of();
        }

        @Override
        public Stream<Function> functions(String database) {
            return functions.getOrDefault(database, List.of()).stream();
        }

        @Override
        public Optional<Function> function(String database, String name) {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }

    private static final class FakeTarget implements LoadTarget {
        final Set<String> complete = Collections.synchronizedSet(new java.util.HashSet<>());

        @Override
        public void putDatabase(Database database) {}

        @Override
        public void putTable(Table table) {}

        @Override
        public void putFunction(Function function) {}

        @Override
        public boolean isTableComplete(String database, String table) {
            return complete.contains(database + "." + table);
        }

        @Override
        public long replacePartitions(Table table, Iterator<Partition> partitions) {
            long n = 0;
            while (partitions.hasNext()) {
                partitions.next();
                n++;
            }
            complete.add(table.databaseName() + "." + table.name());
            return n;
        }

        @Override
        public void complete() {}
    }
}
