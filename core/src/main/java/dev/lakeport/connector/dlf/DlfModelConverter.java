package dev.lakeport.connector.dlf;

import com.aliyun.datalake20200710.models.DatabaseInput;
import com.aliyun.datalake20200710.models.FieldSchema;
import com.aliyun.datalake20200710.models.FunctionInput;
import com.aliyun.datalake20200710.models.Order;
import com.aliyun.datalake20200710.models.PartitionInput;
import com.aliyun.datalake20200710.models.TableInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Immutables;
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
import java.util.Map;
import java.util.Optional;

/**
 * Lakeport's model to and from the DLF SDK's models (datalake 2020-07-10), field by field as docs/field-map.md lists
 * them. Three things differ from the model:
 *
 * <ul>
 *   <li>Times are int32 epoch seconds: sub-second parts are dropped (floor), and a time after 2038-01-19T03:14:07Z is
 *       refused with INVALID_INPUT instead of overflowing. A time of 0 reads back as absent (Hive's "never").
 *   <li>{@link Table#description()} has no DLF field. The mapping step moves it into Parameters ({@code comment} or
 *       {@code lakeport.glue.Description}) before the writer sees it, so the writer ignores it and the reader always
 *       returns it empty.
 *   <li>Skew values travel as nested lists, and the skew location map's keys as JSON array text ({@code ["a","xyz"]}),
 *       which is what DLF's Hive client parses.
 * </ul>
 */
public final class DlfModelConverter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private DlfModelConverter() {}

    // ---- databases

    public static DatabaseInput toDatabaseInput(Database db) {
        return new DatabaseInput()
                .setName(db.name())
                .setDescription(db.description().orElse(null))
                .setLocationUri(db.locationUri().orElse(null))
                .setParameters(new HashMap<>(db.parameters()))
                .setCreateTime(seconds(db.createTime(), "CreateTime", db.name()));
    }

    public static Database fromDatabase(com.aliyun.datalake20200710.models.Database db) {
        return new Database(
                db.getName(),
                Immutables.text(db.getDescription()),
                Immutables.text(db.getLocationUri()),
                db.getParameters(),
                instant(db.getCreateTime()));
    }

    // ---- tables

    public static TableInput toTableInput(Table t) {
        String object = t.databaseName() + "." + t.name();
        return new TableInput()
                .setDatabaseName(t.databaseName())
                .setTableName(t.name())
                .setOwner(t.owner().orElse(null))
                .setCreateTime(seconds(t.createTime(), "CreateTime", object))
                .setLastAccessTime(seconds(t.lastAccessTime(), "LastAccessTime", object))
                .setLastAnalyzedTime(seconds(t.lastAnalyzedTime(), "LastAnalyzedTime", object))
                .setRetention(t.retention())
                .setSd(t.storageDescriptor().map(DlfModelConverter::toSd).orElse(null))
                .setPartitionKeys(toFieldSchemas(t.partitionKeys()))
                .setViewOriginalText(t.viewOriginalText().orElse(null))
                .setViewExpandedText(t.viewExpandedText().orElse(null))
                .setTableType(t.tableType().orElse(null))
                .setParameters(new HashMap<>(t.parameters()));
    }

    public static Table fromTable(com.aliyun.datalake20200710.models.Table t, String databaseName) {
        String db = t.getDatabaseName() == null || t.getDatabaseName().isEmpty() ? databaseName : t.getDatabaseName();
        return Table.builder(db, t.getTableName())
                .owner(t.getOwner())
                .createTime(instant(t.getCreateTime()).orElse(null))
                .lastAccessTime(instant(t.getLastAccessTime()).orElse(null))
                .lastAnalyzedTime(instant(t.getLastAnalyzedTime()).orElse(null))
                .retention(t.getRetention() == null ? 0 : t.getRetention())
                .storageDescriptor(t.getSd() == null ? null : fromSd(t.getSd()))
                .partitionKeys(fromFieldSchemas(t.getPartitionKeys()))
                .viewOriginalText(t.getViewOriginalText())
                .viewExpandedText(t.getViewExpandedText())
                .tableType(t.getTableType())
                .parameters(t.getParameters())
                .build();
    }

    // ---- partitions

    public static PartitionInput toPartitionInput(Partition p) {
        String object = p.databaseName() + "." + p.tableName() + " " + p.values();
        return new PartitionInput()
                .setDatabaseName(p.databaseName())
                .setTableName(p.tableName())
                .setValues(new ArrayList<>(p.values()))
                .setSd(p.storageDescriptor().map(DlfModelConverter::toSd).orElse(null))
                .setParameters(new HashMap<>(p.parameters()))
                .setCreateTime(seconds(p.createTime(), "CreateTime", object))
                .setLastAccessTime(seconds(p.lastAccessTime(), "LastAccessTime", object))
                .setLastAnalyzedTime(seconds(p.lastAnalyzedTime(), "LastAnalyzedTime", object));
    }

    public static Partition fromPartition(
            com.aliyun.datalake20200710.models.Partition p, String databaseName, String tableName) {
        return new Partition(
                p.getDatabaseName() == null || p.getDatabaseName().isEmpty() ? databaseName : p.getDatabaseName(),
                p.getTableName() == null || p.getTableName().isEmpty() ? tableName : p.getTableName(),
                p.getValues(),
                Optional.ofNullable(p.getSd()).map(DlfModelConverter::fromSd),
                p.getParameters(),
                instant(p.getCreateTime()),
                instant(p.getLastAccessTime()),
                instant(p.getLastAnalyzedTime()));
    }

    // ---- functions

    public static FunctionInput toFunctionInput(Function f) {
        List<com.aliyun.datalake20200710.models.ResourceUri> uris = new ArrayList<>();
        for (ResourceUri r : f.resourceUris()) {
            uris.add(new com.aliyun.datalake20200710.models.ResourceUri()
                    .setResourceType(r.resourceType())
                    .setUri(r.uri()));
        }
        return new FunctionInput()
                .setFunctionName(f.name())
                .setClassName(f.className())
                .setOwnerName(f.ownerName().orElse(null))
                .setOwnerType(f.ownerType().orElse(null))
                .setFunctionType(f.functionType().orElse(null))
                .setResourceUri(uris)
                .setCreateTime(seconds(f.createTime(), "CreateTime", f.databaseName() + "." + f.name()));
    }

    public static Function fromFunction(com.aliyun.datalake20200710.models.Function f, String databaseName) {
        List<ResourceUri> uris = new ArrayList<>();
        if (f.getResourceUri() != null) {
            for (com.aliyun.datalake20200710.models.ResourceUri r : f.getResourceUri()) {
                uris.add(new ResourceUri(nullToEmpty(r.getResourceType()), nullToEmpty(r.getUri())));
            }
        }
        return new Function(
                f.getDatabaseName() == null || f.getDatabaseName().isEmpty() ? databaseName : f.getDatabaseName(),
                f.getFunctionName(),
                f.getClassName(),
                Immutables.text(f.getOwnerName()),
                Immutables.text(f.getOwnerType()),
                Immutables.text(f.getFunctionType()),
                uris,
                instant(f.getCreateTime()));
    }

    // ---- storage descriptors

    static com.aliyun.datalake20200710.models.StorageDescriptor toSd(StorageDescriptor sd) {
        List<Order> sortCols = new ArrayList<>();
        for (SortColumn s : sd.sortColumns()) {
            sortCols.add(new Order().setCol(s.column()).setOrder(s.order()));
        }
        SerDeInfo serde = sd.serDeInfo();
        return new com.aliyun.datalake20200710.models.StorageDescriptor()
                .setCols(toFieldSchemas(sd.columns()))
                .setLocation(sd.location().orElse(null))
                .setInputFormat(sd.inputFormat().orElse(null))
                .setOutputFormat(sd.outputFormat().orElse(null))
                .setCompressed(sd.compressed())
                .setNumBuckets(sd.numberOfBuckets())
                .setSerDeInfo(new com.aliyun.datalake20200710.models.SerDeInfo()
                        .setName(serde.name().orElse(null))
                        .setSerializationLib(serde.serializationLibrary().orElse(null))
                        .setParameters(new HashMap<>(serde.parameters())))
                .setBucketCols(new ArrayList<>(sd.bucketColumns()))
                .setSortCols(sortCols)
                .setSkewedInfo(toSkewedInfo(sd.skewedInfo()))
                .setStoredAsSubDirectories(sd.storedAsSubDirectories())
                .setParameters(new HashMap<>(sd.parameters()));
    }

    static StorageDescriptor fromSd(com.aliyun.datalake20200710.models.StorageDescriptor sd) {
        List<SortColumn> sortColumns = new ArrayList<>();
        if (sd.getSortCols() != null) {
            for (Order o : sd.getSortCols()) {
                sortColumns.add(new SortColumn(nullToEmpty(o.getCol()), o.getOrder() == null ? 0 : o.getOrder()));
            }
        }
        com.aliyun.datalake20200710.models.SerDeInfo serde = sd.getSerDeInfo();
        return StorageDescriptor.builder()
                .columns(fromFieldSchemas(sd.getCols()))
                .location(sd.getLocation())
                .inputFormat(sd.getInputFormat())
                .outputFormat(sd.getOutputFormat())
                .compressed(Boolean.TRUE.equals(sd.getCompressed()))
                .numberOfBuckets(sd.getNumBuckets() == null ? 0 : sd.getNumBuckets())
                .serDeInfo(
                        serde == null
                                ? SerDeInfo.EMPTY
                                : new SerDeInfo(
                                        Immutables.text(serde.getName()),
                                        Immutables.text(serde.getSerializationLib()),
                                        serde.getParameters()))
                .bucketColumns(sd.getBucketCols())
                .sortColumns(sortColumns)
                .skewedInfo(fromSkewedInfo(sd.getSkewedInfo()))
                .storedAsSubDirectories(Boolean.TRUE.equals(sd.getStoredAsSubDirectories()))
                .parameters(sd.getParameters())
                .build();
    }

    static com.aliyun.datalake20200710.models.SkewedInfo toSkewedInfo(SkewedInfo skew) {
        if (skew.isEmpty()) {
            return null;
        }
        List<List<String>> values = new ArrayList<>();
        skew.columnValues().forEach(v -> values.add(new ArrayList<>(v)));
        Map<String, String> locations = new LinkedHashMap<>();
        skew.valueLocationMaps().forEach((tuple, location) -> locations.put(tupleKey(tuple), location));
        return new com.aliyun.datalake20200710.models.SkewedInfo()
                .setSkewedColNames(new ArrayList<>(skew.columnNames()))
                .setSkewedColValues(values)
                .setSkewedColValueLocationMaps(locations);
    }

    static SkewedInfo fromSkewedInfo(com.aliyun.datalake20200710.models.SkewedInfo skew) {
        if (skew == null) {
            return SkewedInfo.EMPTY;
        }
        Map<List<String>, String> locations = new LinkedHashMap<>();
        if (skew.getSkewedColValueLocationMaps() != null) {
            skew.getSkewedColValueLocationMaps().forEach((key, location) -> locations.put(tuple(key), location));
        }
        return new SkewedInfo(skew.getSkewedColNames(), skew.getSkewedColValues(), locations);
    }

    /** A skew tuple as DLF keys it: JSON array text, e.g. {@code ["a","xyz"]}. */
    static String tupleKey(List<String> tuple) {
        try {
            return JSON.writeValueAsString(tuple);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
    }

    /** The inverse of {@link #tupleKey}; a key that is not JSON array text is taken as a one-value tuple. */
    static List<String> tuple(String key) {
        if (key != null && key.startsWith("[")) {
            try {
                return JSON.readValue(key, STRING_LIST);
            } catch (JsonProcessingException e) {
                // fall through: keep the key whole rather than lose the entry
            }
        }
        return List.of(nullToEmpty(key));
    }

    // ---- columns

    static List<FieldSchema> toFieldSchemas(List<Column> columns) {
        List<FieldSchema> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(new FieldSchema()
                    .setName(c.name())
                    .setType(c.type())
                    .setComment(c.comment().orElse(null))
                    .setParameters(new HashMap<>(c.parameters())));
        }
        return out;
    }

    static List<Column> fromFieldSchemas(List<FieldSchema> fields) {
        List<Column> out = new ArrayList<>();
        if (fields != null) {
            for (FieldSchema f : fields) {
                out.add(new Column(f.getName(), f.getType(), Immutables.text(f.getComment()), f.getParameters()));
            }
        }
        return out;
    }

    // ---- times

    /** Epoch seconds as DLF's int32, or a refusal for times it cannot hold. */
    static Integer seconds(Optional<Instant> time, String field, String object) {
        if (time.isEmpty()) {
            return null;
        }
        long s = time.get().getEpochSecond();
        if (s > Integer.MAX_VALUE || s < Integer.MIN_VALUE) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "DLF " + object + ": " + field + " " + time.get()
                            + " does not fit DLF's 32-bit seconds (latest 2038-01-19T03:14:07Z)",
                    null);
        }
        return (int) s;
    }

    static Optional<Instant> instant(Integer seconds) {
        return seconds == null || seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
