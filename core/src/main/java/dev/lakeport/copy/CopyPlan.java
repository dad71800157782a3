package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a data copy outside the project (the Spark job) needs to copy a job's tasks, and nothing more: per task, the
 * source table as the source has it (where its files are and how they are written: location, input format, SerDe and
 * its parameters, columns, partition keys, table parameters), its partitions with their own storage, and where the
 * rows go at MaxCompute. Written as JSON; it carries no credentials (the job gets them as it gets any other).
 */
public record CopyPlan(int version, long jobId, List<Task> tasks) implements Serializable {
    /**
     * The format of this file; a reader refuses a newer one. 2: parts may fold several source partitions ({@link
     * Part#folded()}), which a reader of 1 would copy wrongly.
     */
    public static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public CopyPlan {
        tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    }

    public static CopyPlan of(long jobId, List<Task> tasks) {
        return new CopyPlan(VERSION, jobId, tasks);
    }

    /** A column as the source declares it: its name and its type in Hive's notation. */
    public record Column(String name, String type) implements Serializable {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** How and where a table's or a partition's files are stored; a missing part is null. */
    public record Storage(String location, String inputFormat, String serdeLibrary, Map<String, String> serdeParameters)
            implements Serializable {
        public Storage {
            serdeParameters = serdeParameters == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(serdeParameters));
        }

        public static Storage of(Optional<dev.lakeport.model.StorageDescriptor> sd) {
            return sd.map(s -> new Storage(
                            s.location().orElse(null),
                            s.inputFormat().orElse(null),
                            s.serDeInfo().serializationLibrary().orElse(null),
                            s.serDeInfo().parameters()))
                    .orElse(new Storage(null, null, null, Map.of()));
        }
    }

    /** The source table in the source's own form. */
    public record SourceTable(
            String database,
            String table,
            Storage storage,
            List<Column> columns,
            List<Column> partitionKeys,
            Map<String, String> parameters)
            implements Serializable {
        public SourceTable {
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
            storage = storage == null ? new Storage(null, null, null, Map.of()) : storage;
            columns = columns == null ? List.of() : List.copyOf(columns);
            partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public static SourceTable of(dev.lakeport.model.Table raw) {
            return new SourceTable(
                    raw.databaseName(),
                    raw.name(),
                    Storage.of(raw.storageDescriptor()),
                    raw.storageDescriptor()
                            .map(sd ->
                                    sd.columns().stream().map(CopyPlan::column).toList())
                            .orElse(List.of()),
                    raw.partitionKeys().stream().map(CopyPlan::column).toList(),
                    raw.parameters());
        }

        @JsonIgnore
        public String qualifiedName() {
            return database + "." + table;
        }
    }

    /**
     * Where a task's rows go: the MaxCompute table ({@code database} is the project, or {@code project.schema}), its
     * partition keys, and how many columns a row has there (the source row's first {@code columnCount} values).
     */
    public record Destination(String database, String table, List<String> partitionKeys, int columnCount)
            implements Serializable {
        public Destination {
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
            partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
        }

        /**
         * The upload target of one partition (values in key order; none for a table without partitions), in the
         * project's schema when {@code database} is {@code project.schema}, as the copy on this computer writes it.
         */
        public TunnelTarget target(List<String> values) {
            return TunnelTarget.inDatabase(database, table, partitionKeys, values);
        }

        @JsonIgnore
        public String qualifiedName() {
            return database + "." + table;
        }
    }

    /**
     * One partition of a task, or the whole of a table without partitions (no values, the table's storage): its values
     * in key order, its name as reports give it ({@code ds=2024-01-01}), its own storage. Where the destination folds
     * the source's trailing partition keys into columns, a part is one destination partition and {@code folded} lists
     * the source partitions that go into it (written in one session; its own storage is then unused).
     */
    public record Part(List<String> values, String name, Storage storage, List<Folded> folded) implements Serializable {
        public Part {
            values = values == null ? List.of() : List.copyOf(values);
            name = name == null ? "" : name;
            storage = storage == null ? new Storage(null, null, null, Map.of()) : storage;
            folded = folded == null ? List.of() : List.copyOf(folded);
        }

        public Part(List<String> values, String name, Storage storage) {
            this(values, name, storage, List.of());
        }

        /** The parts to read: the source partitions folded into this one, else this one. */
        @JsonIgnore
        public List<Part> sources() {
            return folded.isEmpty()
                    ? List.of(this)
                    : folded.stream()
                            .map(f -> new Part(f.values(), name, f.storage()))
                            .toList();
        }
    }

    /** A source partition folded into a destination partition: its values for all the source's keys, its storage. */
    public record Folded(List<String> values, Storage storage) implements Serializable {
        public Folded {
            values = values == null ? List.of() : List.copyOf(values);
            storage = storage == null ? new Storage(null, null, null, Map.of()) : storage;
        }
    }

    /** One task: its id in the project's job, the source table, the destination and the parts to copy. */
    public record Task(long taskId, SourceTable source, Destination destination, List<Part> parts)
            implements Serializable {
        public Task {
            requireNonNull(source, "source is null");
            requireNonNull(destination, "destination is null");
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    private static Column column(dev.lakeport.model.Column c) {
        return new Column(c.name(), c.type());
    }

    // ---------------------------------------------------------------- JSON

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the copy plan cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a plan written by {@link #write}.
     *
     * @throws IllegalArgumentException naming {@code source} and what is wrong in it
     */
    public static CopyPlan read(InputStream in, String source) {
        CopyPlan plan;
        try {
            plan = JSON.readValue(in, CopyPlan.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the copy plan " + source + " cannot be read: " + e.getMessage(), e);
        }
        return plan.checked(source);
    }

    public static CopyPlan fromJson(String json, String source) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    }

    private CopyPlan checked(String source) {
        List<String> problems = new ArrayList<>();
        if (version < 1 || version > VERSION) {
            problems.add("version " + version + " is not one this reader knows (1 to " + VERSION + ")");
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Task t : tasks) {
            String where = "task " + t.taskId();
            if (!ids.add(t.taskId())) {
                problems.add(where + " appears twice");
            }
            int keys = t.destination().partitionKeys().size();
            int sourceKeys = t.source().partitionKeys().size();
            int folded = sourceKeys - keys;
            if (folded < 0 || (folded > 0 && keys == 0)) {
                problems.add(where + ": the destination has partition keys "
                        + t.destination().partitionKeys() + ", the source "
                        + t.source().partitionKeys());
                folded = 0;
            }
            if (t.destination().columnCount() < 1
                    || t.destination().columnCount() > t.source().columns().size() + folded) {
                problems.add(where + ": destination column count "
                        + t.destination().columnCount() + " is outside 1 to the source's "
                        + t.source().columns().size() + " columns"
                        + (folded > 0 ? " and " + folded + " folded partition keys" : ""));
            }
            java.util.Set<List<String>> seen = new java.util.HashSet<>();
            for (Part p : t.parts()) {
                if (!seen.add(p.values())) {
                    problems.add(where + ": partition " + p.name() + " appears twice");
                }
                if (p.values().size() != keys) {
                    problems.add(where + ": partition " + p.name() + " has values " + p.values() + " for keys "
                            + t.destination().partitionKeys());
                }
                if (folded > 0 && p.folded().isEmpty()) {
                    problems.add(where + ": partition " + p.name() + " names no source partitions folded into it");
                }
                for (Folded f : p.folded()) {
                    if (f.values().size() != sourceKeys
                            || !f.values()
                                    .subList(0, Math.min(keys, f.values().size()))
                                    .equals(p.values())) {
                        problems.add(where + ": partition " + p.name() + " folds source partition " + f.values()
                                + ", which does not go into it");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the copy plan " + source + " is not valid: " + String.join("; ", problems));
        }
        return this;
    }
}
