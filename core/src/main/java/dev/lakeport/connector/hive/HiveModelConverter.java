package dev.lakeport.connector.hive;

import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.SortColumn;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.FunctionType;
import org.apache.hadoop.hive.metastore.api.Order;
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.ResourceType;

/**
 * Converts between the metastore's Thrift objects and the model. Hive keeps a table's description as its
 * {@code comment} parameter, has no last-analysed time and no column parameters, and knows only Java functions; those
 * differences are the only ones. Every list and map handed to Thrift is mutable: the metastore's handler modifies
 * some and calls {@code contains(null)} on others, which immutable collections refuse.
 */
final class HiveModelConverter {
    /** Where Hive keeps a table's description. */
    static final String COMMENT = "comment";

    private HiveModelConverter() {}

    // ---- to the model ------------------------------------------------------------------------------------------

    static Database toDatabase(org.apache.hadoop.hive.metastore.api.Database db) {
        return new Database(
                db.getName(),
                text(db.getDescription()),
                text(db.getLocationUri()),
                map(db.getParameters()),
                Optional.empty());
    }

    static Table toTable(org.apache.hadoop.hive.metastore.api.Table t) {
        Map<String, String> parameters = map(t.getParameters());
        return Table.builder(t.getDbName(), t.getTableName())
                .description(parameters.get(COMMENT))
                .owner(t.getOwner())
                .createTime(instant(t.getCreateTime()))
                .lastAccessTime(instant(t.getLastAccessTime()))
                .retention(t.getRetention())
                .storageDescriptor(t.getSd() == null ? null : toStorageDescriptor(t.getSd()))
                .partitionKeys(columns(t.getPartitionKeys()))
                .viewOriginalText(t.getViewOriginalText())
                .viewExpandedText(t.getViewExpandedText())
                .tableType(t.getTableType())
                .parameters(parameters)
                .build();
    }

    static Partition toPartition(org.apache.hadoop.hive.metastore.api.Partition p) {
        return new Partition(
                p.getDbName(),
                p.getTableName(),
                p.getValues(),
                Optional.ofNullable(p.getSd()).map(HiveModelConverter::toStorageDescriptor),
                map(p.getParameters()),
                Optional.ofNullable(instant(p.getCreateTime())),
                Optional.ofNullable(instant(p.getLastAccessTime())),
                Optional.empty());
    }

    static Function toFunction(org.apache.hadoop.hive.metastore.api.Function f) {
        List<ResourceUri> resources = new ArrayList<>();
        if (f.getResourceUris() != null) {
            for (org.apache.hadoop.hive.metastore.api.ResourceUri r : f.getResourceUris()) {
                resources.add(new ResourceUri(
                        r.getResourceType() == null
                                ? "JAR"
                                : r.getResourceType().name(),
                        r.getUri()));
            }
        }
        return new Function(
                f.getDbName(),
                f.getFunctionName(),
                f.getClassName(),
                text(f.getOwnerName()),
                Optional.ofNullable(f.getOwnerType()).map(Enum::name),
                Optional.ofNullable(f.getFunctionType()).map(Enum::name),
                resources,
                Optional.ofNullable(instant(f.getCreateTime())));
    }

    static StorageDescriptor toStorageDescriptor(org.apache.hadoop.hive.metastore.api.StorageDescriptor sd) {
        org.apache.hadoop.hive.metastore.api.SerDeInfo serde = sd.getSerdeInfo();
        List<SortColumn> sort = new ArrayList<>();
        if (sd.getSortCols() != null) {
            for (Order o : sd.getSortCols()) {
                sort.add(new SortColumn(o.getCol(), o.getOrder()));
            }
        }
        return StorageDescriptor.builder()
                .columns(columns(sd.getCols()))
                .location(sd.getLocation())
                .inputFormat(sd.getInputFormat())
                .outputFormat(sd.getOutputFormat())
                .compressed(sd.isCompressed())
                .numberOfBuckets(sd.getNumBuckets())
                .serDeInfo(
                        serde == null
                                ? SerDeInfo.EMPTY
                                : new SerDeInfo(
                                        text(serde.getName()),
                                        text(serde.getSerializationLib()),
                                        map(serde.getParameters())))
                .bucketColumns(sd.getBucketCols() == null ? List.of() : sd.getBucketCols())
                .sortColumns(sort)
                .skewedInfo(toSkewedInfo(sd.getSkewedInfo()))
                .storedAsSubDirectories(sd.isStoredAsSubDirectories())
                .parameters(map(sd.getParameters()))
                .build();
    }

    private static SkewedInfo toSkewedInfo(org.apache.hadoop.hive.metastore.api.SkewedInfo skew) {
        if (skew == null) {
            return SkewedInfo.EMPTY;
        }
        Map<List<String>, String> locations = new LinkedHashMap<>();
        if (skew.getSkewedColValueLocationMaps() != null) {
            skew.getSkewedColValueLocationMaps().forEach((k, v) -> locations.put(List.copyOf(k), v));
        }
        return new SkewedInfo(
                skew.getSkewedColNames() == null ? List.of() : skew.getSkewedColNames(),
                skew.getSkewedColValues() == null ? List.of() : skew.getSkewedColValues(),
                locations);
    }

    private static List<Column> columns(List<FieldSchema> fields) {
        if (fields == null) {
            return List.of();
        }
        List<Column> columns = new ArrayList<>(fields.size());
        for (FieldSchema f : fields) {
            columns.add(new Column(f.getName(), f.getType(), text(f.getComment()), Map.of()));
        }
        return columns;
    }

    // ---- to Thrift -----------------------------------------------------------------------------------------------

    static org.apache.hadoop.hive.metastore.api.Database toThrift(Database db) {
        org.apache.hadoop.hive.metastore.api.Database d = new org.apache.hadoop.hive.metastore.api.Database();
        d.setName(db.name());
        db.description().ifPresent(d::setDescription);
        db.locationUri().ifPresent(d::setLocationUri);
        d.setParameters(new HashMap<>(db.parameters()));
        return d;
    }

    static org.apache.hadoop.hive.metastore.api.Table toThrift(Table table) {
        org.apache.hadoop.hive.metastore.api.Table t = new org.apache.hadoop.hive.metastore.api.Table();
        t.setDbName(table.databaseName());
        t.setTableName(table.name());
        table.owner().ifPresent(t::setOwner);
        table.createTime().ifPresent(i -> t.setCreateTime(seconds(i)));
        table.lastAccessTime().ifPresent(i -> t.setLastAccessTime(seconds(i)));
        t.setRetention(table.retention());
        t.setSd(toThrift(
                table.storageDescriptor().orElse(StorageDescriptor.builder().build())));
        t.setPartitionKeys(fields(table.partitionKeys()));
        Map<String, String> parameters = new HashMap<>(table.parameters());
        table.description().ifPresent(d -> parameters.putIfAbsent(COMMENT, d));
        if ("EXTERNAL_TABLE".equals(table.tableType().orElse(""))) {
            // without it the metastore stores the table as MANAGED_TABLE
            parameters.putIfAbsent("EXTERNAL", "TRUE");
        }
        t.setParameters(parameters);
        table.viewOriginalText().ifPresent(t::setViewOriginalText);
        table.viewExpandedText().ifPresent(t::setViewExpandedText);
        t.setTableType(table.tableType().orElse("MANAGED_TABLE"));
        return t;
    }

    /** {@code table}'s storage descriptor without a location stands in for a partition that has none. */
    static org.apache.hadoop.hive.metastore.api.Partition toThrift(Table table, Partition partition) {
        org.apache.hadoop.hive.metastore.api.Partition p = new org.apache.hadoop.hive.metastore.api.Partition();
        p.setDbName(table.databaseName());
        p.setTableName(table.name());
        p.setValues(new ArrayList<>(partition.values()));
        StorageDescriptor sd = partition
                .storageDescriptor()
                .or(() -> table.storageDescriptor()
                        .map(s -> s.toBuilder().location(null).build()))
                .orElse(StorageDescriptor.builder().build());
        p.setSd(toThrift(sd));
        p.setParameters(new HashMap<>(partition.parameters()));
        partition.createTime().ifPresent(i -> p.setCreateTime(seconds(i)));
        partition.lastAccessTime().ifPresent(i -> p.setLastAccessTime(seconds(i)));
        return p;
    }

    static org.apache.hadoop.hive.metastore.api.Function toThrift(Function function) {
        org.apache.hadoop.hive.metastore.api.Function f = new org.apache.hadoop.hive.metastore.api.Function();
        f.setDbName(function.databaseName());
        f.setFunctionName(function.name());
        f.setClassName(function.className());
        function.ownerName().ifPresent(f::setOwnerName);
        f.setOwnerType(function.ownerType()
                .map(t -> enumOr(PrincipalType.class, t, PrincipalType.USER))
                .orElse(PrincipalType.USER));
        // Hive knows only Java functions: FunctionType has the single value JAVA.
        f.setFunctionType(FunctionType.JAVA);
        function.createTime().ifPresent(i -> f.setCreateTime(seconds(i)));
        List<org.apache.hadoop.hive.metastore.api.ResourceUri> resources = new ArrayList<>();
        for (ResourceUri r : function.resourceUris()) {
            resources.add(new org.apache.hadoop.hive.metastore.api.ResourceUri(
                    enumOr(ResourceType.class, r.resourceType(), ResourceType.JAR), r.uri()));
        }
        f.setResourceUris(resources);
        return f;
    }

    static org.apache.hadoop.hive.metastore.api.StorageDescriptor toThrift(StorageDescriptor sd) {
        org.apache.hadoop.hive.metastore.api.StorageDescriptor s =
                new org.apache.hadoop.hive.metastore.api.StorageDescriptor();
        s.setCols(fields(sd.columns()));
        sd.location().ifPresent(s::setLocation);
        sd.inputFormat().ifPresent(s::setInputFormat);
        sd.outputFormat().ifPresent(s::setOutputFormat);
        s.setCompressed(sd.compressed());
        s.setNumBuckets(sd.numberOfBuckets());
        org.apache.hadoop.hive.metastore.api.SerDeInfo serde = new org.apache.hadoop.hive.metastore.api.SerDeInfo();
        sd.serDeInfo().name().ifPresent(serde::setName);
        sd.serDeInfo().serializationLibrary().ifPresent(serde::setSerializationLib);
        serde.setParameters(new HashMap<>(sd.serDeInfo().parameters()));
        s.setSerdeInfo(serde);
        s.setBucketCols(new ArrayList<>(sd.bucketColumns()));
        List<Order> sort = new ArrayList<>();
        for (SortColumn c : sd.sortColumns()) {
            sort.add(new Order(c.column(), c.order()));
        }
        s.setSortCols(sort);
        org.apache.hadoop.hive.metastore.api.SkewedInfo skew = new org.apache.hadoop.hive.metastore.api.SkewedInfo();
        skew.setSkewedColNames(new ArrayList<>(sd.skewedInfo().columnNames()));
        List<List<String>> values = new ArrayList<>();
        sd.skewedInfo().columnValues().forEach(v -> values.add(new ArrayList<>(v)));
        skew.setSkewedColValues(values);
        Map<List<String>, String> locations = new HashMap<>();
        sd.skewedInfo().valueLocationMaps().forEach((k, v) -> locations.put(new ArrayList<>(k), v));
        skew.setSkewedColValueLocationMaps(locations);
        s.setSkewedInfo(skew);
        s.setStoredAsSubDirectories(sd.storedAsSubDirectories());
        s.setParameters(new HashMap<>(sd.parameters()));
        return s;
    }

    private static List<FieldSchema> fields(List<Column> columns) {
        List<FieldSchema> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            fields.add(new FieldSchema(c.name(), c.type(), c.comment().orElse(null)));
        }
        return fields;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static <E extends Enum<E>> E enumOr(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static Optional<String> text(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Map<String, String> map(Map<String, String> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /** Hive keeps times as whole seconds since the epoch; 0 means unset. */
    private static Instant instant(int seconds) {
        return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }

    private static int seconds(Instant instant) {
        return (int) instant.getEpochSecond();
    }
}
