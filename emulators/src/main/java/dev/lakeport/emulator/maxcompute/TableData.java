package dev.lakeport.emulator.maxcompute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of the emulator's tables, as committed through the Tunnel: per table, per partition (the canonical spec,
 * {@code ""} for a table without partitions), the rows in commit order, each with one value per column (see
 * {@link TunnelRecords} for the values). Rows of a table or partition that was dropped (or dropped and created again)
 * are forgotten the next time the table is used. Every change is handed to the {@link Mirror} (the SQL engine) under
 * the same lock, so a query never sees half a commit.
 */
final class TableData {
    /** Told of every change, under this store's lock. */
    interface Mirror {
        void replace(String project, MaxComputeStore.Table table, Map<String, String> spec, List<Object[]> rows);

        void append(String project, MaxComputeStore.Table table, Map<String, String> spec, List<Object[]> rows);

        void drop(String project, String table);

        void dropPartition(String project, MaxComputeStore.Table table, Map<String, String> spec);
    }

    private static final Mirror NO_MIRROR = new Mirror() {
        @Override
        public void replace(String p, MaxComputeStore.Table t, Map<String, String> s, List<Object[]> r) {}

        @Override
        public void append(String p, MaxComputeStore.Table t, Map<String, String> s, List<Object[]> r) {}

        @Override
        public void drop(String p, String t) {}

        @Override
        public void dropPartition(String p, MaxComputeStore.Table t, Map<String, String> s) {}
    };

    private static final class Rows {
        final MaxComputeStore.Table table;
        final Map<String, Long> partitionCreated = new HashMap<>();
        final Map<String, Map<String, String>> specs = new HashMap<>();
        final Map<String, List<Object[]>> byPartition = new LinkedHashMap<>();

        Rows(MaxComputeStore.Table table) {
            this.table = table;
        }
    }

    private final MaxComputeStore store;
    private final Map<String, Rows> tables = new HashMap<>();
    private volatile Mirror mirror = NO_MIRROR;

    TableData(MaxComputeStore store) {
        this.store = store;
    }

    void mirror(Mirror mirror) {
        this.mirror = mirror;
    }

    /** The lock every reader and writer of rows (and of the mirror) holds. */
    Object lock() {
        return this;
    }

    /**
     * Applies a commit: the rows are appended to the partition (or the table), or replace its rows when
     * {@code overwrite}.
     */
    synchronized void commit(
            String project, String tableName, Map<String, String> spec, List<Object[]> rows, boolean overwrite) {
        Rows data = current(project, tableName);
        String key = spec == null ? "" : MaxComputeStore.canonical(spec);
        if (spec != null) {
            store.partition(project, tableName, spec).ifPresent(p -> data.partitionCreated.put(key, p.createTime()));
            data.specs.put(key, Map.copyOf(spec));
        }
        List<Object[]> target = data.byPartition.computeIfAbsent(key, k -> new ArrayList<>());
        if (overwrite) {
            target.clear();
            target.addAll(rows);
            mirror.replace(project, data.table, spec, rows);
        } else {
            target.addAll(rows);
            mirror.append(project, data.table, spec, rows);
        }
    }

    /** A copy of the rows of a partition ({@code spec}) or of the whole table ({@code null}). */
    synchronized List<Object[]> rows(String project, String tableName, Map<String, String> spec) {
        Rows data = current(project, tableName);
        if (spec != null) {
            return List.copyOf(data.byPartition.getOrDefault(MaxComputeStore.canonical(spec), List.of()));
        }
        List<Object[]> all = new ArrayList<>();
        data.byPartition.values().forEach(all::addAll);
        return all;
    }

    /** Brings the table's rows in line with the catalog (forgetting dropped tables and partitions) and returns it. */
    synchronized MaxComputeStore.Table sync(String project, String tableName) {
        return current(project, tableName).table;
    }

    private Rows current(String project, String tableName) {
        MaxComputeStore.Table table =
                store.table(project, tableName).orElseThrow(() -> MaxComputeException.noSuchTable(project, tableName));
        String id = MaxComputeStore.normalise(project) + "." + table.name();
        Rows data = tables.get(id);
        if (data != null && !sameTable(data.table, table)) {
            tables.remove(id);
            mirror.drop(project, table.name());
            data = null;
        }
        if (data == null) {
            data = new Rows(table);
            tables.put(id, data);
            mirror.replace(project, table, null, List.of());
            return data;
        }
        if (!table.partitionKeys().isEmpty()) {
            for (String key : List.copyOf(data.byPartition.keySet())) {
                Map<String, String> spec = data.specs.get(key);
                Optional<MaxComputeStore.Partition> now = store.partition(project, tableName, spec);
                Long created = data.partitionCreated.get(key);
                if (now.isEmpty() || created != null && now.get().createTime() != created) {
                    data.byPartition.remove(key);
                    data.partitionCreated.remove(key);
                    data.specs.remove(key);
                    mirror.dropPartition(project, data.table, spec);
                }
            }
        }
        return data;
    }

    private static boolean sameTable(MaxComputeStore.Table a, MaxComputeStore.Table b) {
        return a.createTime() == b.createTime()
                && shape(a.columns()).equals(shape(b.columns()))
                && shape(a.partitionKeys()).equals(shape(b.partitionKeys()));
    }

    /** Names and types only: a changed comment keeps the rows. */
    private static List<String> shape(List<MaxComputeStore.Column> columns) {
        return columns.stream().map(c -> c.name() + " " + c.type()).toList();
    }
}
