package dev.lakeport.app.pages.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfStore;
import dev.lakeport.emulator.glue.GlueStore;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The sample project after a first migration and a few changes on both sides, so that a diff finds all three results:
 *
 * <ul>
 *   <li>glueNew: a new table ({@link #newTable}) and three new partitions of {@link #updatedTable};
 *   <li>needUpdate: {@link #updatedTable} (a new parameter) and two of its partitions (a changed parameter);
 *   <li>dlfNew: a table only the destination has ({@link #goneTable}) and a whole database ({@link #GONE_DATABASE}).
 * </ul>
 *
 * All in {@link #database} except the gone database. Blocking: call it off the FX thread.
 */
final class ChangedSample {
    static final String GONE_DATABASE = "legacy_dw";
    static final long CREATE = 4;
    static final long DELETE = 2;
    static final long UPDATE = 3;
    static final ProgressListener QUIET = ProgressListener.NONE;
    static final CancellationToken NEVER = CancellationToken.NONE;

    final String database;
    final String updatedTable;
    final String newTable;
    final String goneTable;
    /** The first diff (everything glueNew) and the diff after the changes. */
    final long firstRun;

    final long changedRun;
    /** The diff right after the first migration: empty. Loaded again since, so it is stale. */
    final long emptyRun;

    final List<List<String>> updatedPartitions = new ArrayList<>();
    final List<List<String>> newPartitions = new ArrayList<>();

    private ChangedSample(
            String database,
            String updatedTable,
            String newTable,
            String goneTable,
            long firstRun,
            long emptyRun,
            long changedRun) {
        this.database = database;
        this.updatedTable = updatedTable;
        this.newTable = newTable;
        this.goneTable = goneTable;
        this.firstRun = firstRun;
        this.emptyRun = emptyRun;
        this.changedRun = changedRun;
    }

    /** Loads and diffs the sample, applies it, changes both catalogs, loads and diffs again. */
    static ChangedSample prepare(ProjectSession session, SampleEnvironment sample) {
        Migration migration = session.migration();
        migration.loadBoth(QUIET, QUIET, NEVER);
        DiffRun first = migration.diff(List.of(), QUIET, NEVER);
        ApplyOutcome outcome = migration.apply(
                first.runId(), new ApplyRequest(8, 0, false, false, OptionalLong.empty()), QUIET, NEVER);
        if (outcome.summary().hasFailures()) {
            throw new IllegalStateException("the first migration failed: " + outcome.summary());
        }
        migration.loadBoth(QUIET, QUIET, NEVER);
        DiffRun empty = migration.diff(List.of(), QUIET, NEVER);
        if (!empty.summary().isEmpty()) {
            throw new IllegalStateException("the diff after the first migration is not empty: " + empty.summary());
        }

        GlueStore glue = sample.glue().orElseThrow().store();
        DlfStore dlf = sample.dlf().orElseThrow().store();
        String database = glue.databaseNames().stream().sorted().findFirst().orElseThrow();
        String updated = glue.tableNames(database).stream()
                .sorted()
                .filter(t -> glue.getTable(database, t)
                        .map(n -> n.path("PartitionKeys").size() > 0 && n.has("StorageDescriptor"))
                        .orElse(false))
                .filter(t -> glue.partitionCount(database, t) >= 5)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no partitioned table with 5 partitions in " + database));
        String plain = glue.tableNames(database).stream()
                .sorted()
                .filter(t -> !t.equals(updated))
                .findFirst()
                .orElseThrow();

        // needUpdate: the table and two of its partitions.
        ObjectNode table = glue.getTable(database, updated).orElseThrow();
        parameters(table).put("owner", "bi-team");
        glue.putTable(database, table);
        List<ObjectNode> partitions = new ArrayList<>();
        glue.forEachPartition(database, updated, p -> {
            if (partitions.size() < 2) {
                partitions.add(p.deepCopy());
            }
        });
        List<List<String>> updatedValues = new ArrayList<>();
        for (ObjectNode p : partitions) {
            parameters(p).put("retention_days", "30");
            glue.putPartition(database, updated, p);
            updatedValues.add(values(p));
        }
        // glueNew: three partitions and a table.
        List<List<String>> newValues = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ObjectNode p = partitions.get(0).deepCopy();
            ArrayNode values = JsonNodeFactory.instance.arrayNode();
            for (String v : values(partitions.get(0))) {
                values.add("9999-new-" + i + "-" + v);
            }
            p.set("Values", values);
            glue.putPartition(database, updated, p);
            newValues.add(values(p));
        }
        String newTable = plain + "_copy";
        ObjectNode copy = glue.getTable(database, plain).orElseThrow();
        copy.put("Name", newTable);
        glue.putTable(database, copy);

        // dlfNew: a table and a database only the destination has.
        String gone = "old_" + updated;
        ObjectNode goneTable = dlf.table(database, updated).orElseThrow();
        goneTable.put("TableName", gone);
        dlf.putTable(goneTable);
        ObjectNode goneDatabase = JsonNodeFactory.instance.objectNode();
        goneDatabase.put("Name", GONE_DATABASE);
        goneDatabase.put("Description", "retired warehouse");
        dlf.putDatabase(goneDatabase);

        migration = session.migration();
        migration.loadBoth(QUIET, QUIET, NEVER);
        DiffRun second = migration.diff(List.of(), QUIET, NEVER);
        ChangedSample changed =
                new ChangedSample(database, updated, newTable, gone, first.runId(), empty.runId(), second.runId());
        changed.updatedPartitions.addAll(updatedValues);
        changed.newPartitions.addAll(newValues);
        return changed;
    }

    private static ObjectNode parameters(ObjectNode node) {
        return node.has("Parameters") ? (ObjectNode) node.get("Parameters") : node.putObject("Parameters");
    }

    static List<String> values(ObjectNode partition) {
        List<String> out = new ArrayList<>();
        partition.path("Values").forEach(v -> out.add(v.asText()));
        return out;
    }

    static long total() {
        return CREATE + DELETE + UPDATE;
    }
}
