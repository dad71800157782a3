package dev.lakeport.snapshot;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/**
 * Writes one table's partitions under a fresh table id. The caller's thread pulls partitions from the reader and hands
 * them in batches of {@link #BATCH} to worker threads, which fingerprint and encode them; the results are gathered in
 * order into runs of {@link #RUN}, each sorted, packed into chunks and inserted while the next run is prepared. Only
 * the compact results live long, which keeps the garbage collector's work small. Runs that arrive in key order (a sorted reader) extend run 1; when a
 * run overlaps the ones before, the runs are merged into run 0 at the end, chunk by chunk, in bounded memory.
 */
final class PartitionLoad {
    static final int RUN = 65_536;
    private static final int BATCH = 1_024;
    private static final int IN_FLIGHT = 4;
    private static final int INSERT_BATCH = 64;

    private final SnapshotStore store;
    private final ObjectKey tableKey;
    private final ObjectCodec.Template template;
    private final UnaryOperator<CatalogObject> toDestinationForm;
    private final long tableId;
    private final ExecutorService workers;
    private final int runSize;
    private int lastRun;
    private boolean sortedSoFar = true;
    private String maxKey;
    private long count;
    private Run run = new Run();
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    PartitionLoad(
            SnapshotStore store,
            ObjectKey tableKey,
            ObjectCodec.Template template,
            UnaryOperator<CatalogObject> toDestinationForm,
            long tableId) {
        this.store = store;
        this.tableKey = tableKey;
        this.template = template;
        this.toDestinationForm = toDestinationForm;
        this.tableId = tableId;
        this.workers = store.inserters();
        this.runSize = store.partitionRunSize();
    }

    /** Writes all partitions as run 0 of the table id, committing as it goes on {@code c}; returns how many. */
    long run(Connection c, Iterator<Partition> partitions) throws SQLException {
        ArrayDeque<CompletableFuture<Prepared>> preparing = new ArrayDeque<>();
        try {
            List<Partition> batch = new ArrayList<>(BATCH);
            while (partitions.hasNext()) {
                Partition p = partitions.next();
                checkBelongs(p);
                batch.add(p);
                if (batch.size() == BATCH) {
                    List<Partition> full = batch;
                    preparing.add(CompletableFuture.supplyAsync(() -> prepare(full), workers));
                    batch = new ArrayList<>(BATCH);
                    // A few batches in flight keep both cores busy; more would only hold partitions longer.
                    while (preparing.size() > IN_FLIGHT) {
                        gather(c, join(preparing.poll()));
                    }
                }
            }
            if (!batch.isEmpty()) {
                preparing.add(CompletableFuture.completedFuture(prepare(batch)));
            }
            while (!preparing.isEmpty()) {
                gather(c, join(preparing.poll()));
            }
            await(pending);
            if (lastRun == 0) {
                // The whole table fits in one run (most tables): written straight as the table's partitions.
                if (run.size() > 0) {
                    write(c, run, 0);
                }
                return count;
            }
            if (run.size() > 0) {
                write(c, run, -1);
            }
            finishRuns(c);
            return count;
        } catch (RuntimeException | SQLException | Error e) {
            for (CompletableFuture<?> f : preparing) {
                f.cancel(false);
            }
            try {
                pending.join();
            } catch (CompletionException ignored) {
                // the first failure is the one to report
            }
            c.rollback();
            throw e;
        }
    }

    /** Adds prepared partitions to the current run; a full run is written while the next one gathers. */
    private void gather(Connection c, Prepared prepared) {
        run.add(prepared);
        if (run.size() >= runSize) {
            await(pending);
            Run full = run;
            pending = CompletableFuture.runAsync(() -> store.sql(() -> write(c, full, -1)), workers);
            run = new Run();
        }
    }

    private static Prepared join(CompletableFuture<Prepared> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void checkBelongs(Partition p) {
        if (!p.databaseName().toLowerCase(Locale.ROOT).equals(tableKey.database())
                || !p.tableName().toLowerCase(Locale.ROOT).equals(tableKey.requireName())) {
            throw new IllegalArgumentException("partition " + p.key() + " does not belong to " + tableKey);
        }
    }

    /** A batch of partitions reduced to what is stored: key, fingerprint of the mapped form, encoded body. */
    private record Prepared(String[] keys, long[] fingerprints, byte[][] bodies) {}

    private Prepared prepare(List<Partition> batch) {
        int n = batch.size();
        String[] keys = new String[n];
        long[] fingerprints = new long[n];
        byte[][] bodies = new byte[n][];
        PartitionFingerprinter fingerprinter = new PartitionFingerprinter();
        for (int i = 0; i < n; i++) {
            Partition p = batch.get(i);
            keys[i] = PartitionChunk.partKey(p.values());
            CatalogObject mapped = toDestinationForm.apply(p);
            fingerprints[i] = mapped instanceof Partition mp ? fingerprinter.of(mp) : Fingerprint.of(mapped);
            bodies[i] = ObjectCodec.encodePartition(p, template);
        }
        return new Prepared(keys, fingerprints, bodies);
    }

    /** Prepared partitions waiting to be sorted and written; compact, so that a run costs the collector little. */
    private static final class Run {
        final List<Prepared> parts = new ArrayList<>();
        int size;

        void add(Prepared p) {
            parts.add(p);
            size += p.keys().length;
        }

        int size() {
            return size;
        }
    }

    /** Sorts and inserts a run as {@code runNo}, or (-1) as the next run of the load. */
    private Void write(Connection c, Run run, int runNo) throws SQLException {
        int n = run.size();
        String[] keys = new String[n];
        long[] fingerprints = new long[n];
        byte[][] bodies = new byte[n][];
        int at = 0;
        for (Prepared p : run.parts) {
            int m = p.keys().length;
            System.arraycopy(p.keys(), 0, keys, at, m);
            System.arraycopy(p.fingerprints(), 0, fingerprints, at, m);
            System.arraycopy(p.bodies(), 0, bodies, at, m);
            at += m;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        String[] sortedKeys = new String[n];
        long[] sortedFingerprints = new long[n];
        byte[][] sortedBodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            int j = order[i];
            sortedKeys[i] = keys[j];
            sortedFingerprints[i] = fingerprints[j];
            sortedBodies[i] = bodies[j];
            if (i > 0 && sortedKeys[i].equals(sortedKeys[i - 1])) {
                throw duplicate(sortedKeys[i]);
            }
        }
        if (runNo < 0) {
            if (sortedSoFar && (maxKey == null || sortedKeys[0].compareTo(maxKey) > 0)) {
                runNo = 1;
                lastRun = Math.max(lastRun, 1);
            } else {
                sortedSoFar = false;
                runNo = ++lastRun;
            }
        }
        if (maxKey == null || sortedKeys[n - 1].compareTo(maxKey) > 0) {
            maxKey = sortedKeys[n - 1];
        }
        try (ChunkInserter out = new ChunkInserter(c, runNo)) {
            for (int from = 0; from < n; from += PartitionChunk.CAPACITY) {
                int to = Math.min(n, from + PartitionChunk.CAPACITY);
                out.add(sortedKeys, sortedFingerprints, sortedBodies, from, to);
            }
        }
        c.commit();
        count += n;
        return null;
    }

    private IllegalArgumentException duplicate(String key) {
        return new IllegalArgumentException(tableKey + " was given two partitions with values "
                + PartitionChunk.values(key) + "; a reader must return each partition once");
    }

    /** Makes run 0 the table's partitions: renames a single sorted run, or merges overlapping runs. */
    private void finishRuns(Connection c) throws SQLException {
        if (lastRun <= 1) {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE snapshot_chunk SET run_no = 0 WHERE table_id = ? AND run_no = 1")) {
                ps.setLong(1, tableId);
                ps.executeUpdate();
            }
            c.commit();
            return;
        }
        merge(c);
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM snapshot_chunk WHERE table_id = ? AND run_no > 0")) {
            ps.setLong(1, tableId);
            ps.executeUpdate();
        }
        c.commit();
    }

    private void merge(Connection c) throws SQLException {
        PriorityQueue<RunHead> heads = new PriorityQueue<>((a, b) -> a.key().compareTo(b.key()));
        for (int runNo = 1; runNo <= lastRun; runNo++) {
            RunHead head = new RunHead(new ChunkCursor(c, tableId, runNo, "", true));
            if (head.advance()) {
                heads.add(head);
            }
        }
        String[] keys = new String[PartitionChunk.CAPACITY];
        long[] fingerprints = new long[PartitionChunk.CAPACITY];
        byte[][] bodies = new byte[PartitionChunk.CAPACITY][];
        int n = 0;
        String previous = null;
        try (ChunkInserter out = new ChunkInserter(c, 0)) {
            while (!heads.isEmpty()) {
                RunHead head = heads.poll();
                String key = head.key();
                if (key.equals(previous)) {
                    throw duplicate(key);
                }
                keys[n] = key;
                fingerprints[n] = head.chunk.fingerprints[head.index];
                bodies[n] = head.chunk.bodies[head.index];
                n++;
                previous = key;
                if (n == PartitionChunk.CAPACITY) {
                    out.add(keys, fingerprints, bodies, 0, n);
                    n = 0;
                }
                if (head.advance()) {
                    heads.add(head);
                }
            }
            if (n > 0) {
                out.add(keys, fingerprints, bodies, 0, n);
            }
        }
    }

    /** The current entry of one run during the merge. */
    private static final class RunHead {
        private final ChunkCursor cursor;
        private PartitionChunk chunk;
        private int index = -1;

        RunHead(ChunkCursor cursor) {
            this.cursor = cursor;
        }

        boolean advance() throws SQLException {
            index++;
            while (chunk == null || index >= chunk.size()) {
                chunk = cursor.next();
                index = 0;
                if (chunk == null) {
                    return false;
                }
            }
            return true;
        }

        String key() {
            return chunk.keys[index];
        }
    }

    /** Batches chunk rows into one multi-row statement execution per {@link #INSERT_BATCH} chunks. */
    private final class ChunkInserter implements AutoCloseable {
        private final Connection c;
        private final PreparedStatement insert;
        private final int runNo;
        private int batched;

        ChunkInserter(Connection c, int runNo) throws SQLException {
            this.c = c;
            this.runNo = runNo;
            this.insert = c.prepareStatement(
                    "INSERT INTO snapshot_chunk (table_id, run_no, last_key, entries, body) VALUES (?, ?, ?, ?, ?)");
        }

        void add(String[] keys, long[] fingerprints, byte[][] bodies, int from, int to) throws SQLException {
            insert.setLong(1, tableId);
            insert.setInt(2, runNo);
            insert.setString(3, keys[to - 1]);
            insert.setInt(4, to - from);
            insert.setBytes(5, PartitionChunk.encode(keys, fingerprints, bodies, from, to));
            insert.addBatch();
            if (++batched == INSERT_BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (batched > 0) {
                insert.executeBatch();
                c.commit();
                batched = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                insert.close();
            }
        }
    }

    static void await(CompletableFuture<Void> pending) {
        try {
            pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
