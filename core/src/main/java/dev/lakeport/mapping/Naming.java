package dev.lakeport.mapping;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.List;

/**
 * Where a route puts each source object when the destination names things its own way (a MaxCompute project or
 * schema for a source database, mapped table names and partition values). A project keeps the source side of its
 * snapshot under these names, so that the diff meets each source object and its destination counterpart under one
 * key; everything but the names is left as the source holds it, for the route's {@link CatalogMapping} to map.
 */
public interface Naming {

    /**
     * A stable id of everything that decides the names (settings and what the destination said about itself): a
     * source side loaded under another id must be loaded again.
     */
    String id();

    /** The destination database (namespace) a source database goes to. */
    String database(String sourceDatabase);

    /** The destination name of a source table of {@code sourceDatabase}. */
    String table(String sourceDatabase, String sourceTable);

    /** A source partition's values as the destination names them. */
    List<String> partitionValues(List<String> sourceValues);

    /** The source object under its destination names, everything else as the source holds it. */
    default CatalogObject rename(CatalogObject source) {
        if (source instanceof Database d) {
            return new Database(database(d.name()), d.description(), d.locationUri(), d.parameters(), d.createTime());
        }
        if (source instanceof Table t) {
            return t.toBuilder()
                    .databaseName(database(t.databaseName()))
                    .name(table(t.databaseName(), t.name()))
                    .build();
        }
        if (source instanceof Partition p) {
            return new Partition(
                    database(p.databaseName()),
                    table(p.databaseName(), p.tableName()),
                    partitionValues(p.values()),
                    p.storageDescriptor(),
                    p.parameters(),
                    p.createTime(),
                    p.lastAccessTime(),
                    p.lastAnalyzedTime());
        }
        if (source instanceof Function f) {
            return new Function(
                    database(f.databaseName()),
                    f.name(),
                    f.className(),
                    f.ownerName(),
                    f.ownerType(),
                    f.functionType(),
                    f.resourceUris(),
                    f.createTime());
        }
        return source;
    }
}
