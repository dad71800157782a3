package dev.lakeport.pipeline;

import dev.lakeport.load.LoadTarget;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.SnapshotWriter;
import java.util.Iterator;

/** A load into the project's snapshot: the loader's target over one {@link SnapshotWriter}. */
final class ProjectLoadTarget implements LoadTarget {
    private final SnapshotWriter writer;

    ProjectLoadTarget(SnapshotWriter writer) {
        this.writer = writer;
    }

    @Override
    public void putDatabase(Database database) {
        writer.putDatabase(database);
    }

    @Override
    public void putTable(Table table) {
        writer.putTable(table);
    }

    @Override
    public void putFunction(Function function) {
        writer.putFunction(function);
    }

    @Override
    public boolean isTableComplete(String database, String table) {
        return writer.isTableComplete(database, table);
    }

    @Override
    public long replacePartitions(Table table, Iterator<Partition> partitions) {
        return writer.replacePartitions(table, partitions);
    }

    @Override
    public void complete() {
        writer.finish();
    }
}
