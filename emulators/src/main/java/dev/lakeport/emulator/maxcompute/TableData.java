package dev.lakeport.emulator.maxcompute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the emulator's tables, as committed through the Tunnel: per table, per partition (the canonical spec,
 * {@code ""} for a table without partitions), the rows in commit order, each with one value per column (see
 * {@link TunnelRecords} for the values; a row shorter than the table, written before columns were added, reads NULL
 * for the new ones). The rows of a dropped table or partition are forgotten when the catalog drops it. Every change is
 * handed to the {@link Mirror} (the SQL engine) under the same lock, so a query never sees half a commit.
 */
final class TableData implements MaxComputeStore.DropListener {
    /** Told of every change, under this store's lock. */
    interface Mirror {
        /** The rows of a partition ({@code spec}), or of the whole table ({@code null}), are now {@code rows}. */
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
        /** The table as last seen: a change of its columns rebuilds the mirror's copy. */
        MaxComputeStore.Table table;

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
        store.onDrop(this);
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

    /** The table as the catalog has it now, its rows (and the mirror's copy) brought in line with its columns. */
    synchronized MaxComputeStore.Table sync(String project, String tableName) {
        return current(project, tableName).table;
    }

    @Override
    public synchronized void tableDropped(String project, String table) {
        if (tables.remove(id(project, table)) != null) {
            mirror.drop(project, table);
        }
    }

    @Override
    public synchronized void partitionDropped(String project, String table, Map<String, String> spec) {
        Rows data = tables.get(id(project, table));
        String key = MaxComputeStore.canonical(spec);
        if (data != null && data.byPartition.remove(key) != null) {
            data.specs.remove(key);
            mirror.dropPartition(project, data.table, spec);
        }
    }

    private Rows current(String project, String tableName) {
        MaxComputeStore.Table table =
                store.table(project, tableName).orElseThrow(() -> MaxComputeException.noSuchTable(project, tableName));
        String id = id(project, table.name());
        Rows data = tables.get(id);
        if (data == null) {
            data = new Rows(table);
            tables.put(id, data);
            mirror.replace(project, table, null, List.of());
        } else if (!shape(data.table).equals(shape(table))) {
            // Columns were added or changed: the mirror's copy is built again from the rows.
            data.table = table;
            mirror.drop(project, table.name());
            mirror.replace(project, table, null, List.of());
            for (Map.Entry<String, List<Object[]>> e : data.byPartition.entrySet()) {
                mirror.append(project, table, data.specs.get(e.getKey()), e.getValue());
            }
        } else {
            data.table = table;
        }
        return data;
    }

    private static String id(String project, String table) {
        return MaxComputeStore.namespace(project) + "." + MaxComputeStore.normalise(table);
    }

    /** Names and types only: a changed comment changes nothing here. */
    private static List<String> shape(MaxComputeStore.Table table) {
        List<String> out = new ArrayList<>();
        table.columns().forEach(c -> out.add(c.name() + " " + c.type()));
        out.add("|");
        table.partitionKeys().forEach(c -> out.add(c.name() + " " + c.type()));
        return out;
    }
}
