package dev.lakeport.connector.glue;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Order;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/**
 * Glue shapes to model objects and back, carrying every field (see FIELD-MAP.md). Times are floored to whole seconds.
 * Glue fields the model has no place for travel in the object's parameters (storage-descriptor fields in the storage
 * descriptor's) under {@code lakeport.glue.<Field>} as compact JSON with sorted keys; writing restores them into the
 * input shape where it accepts them and removes them from the parameters either way, so Glue never stores them
 * twice.
 */
public final class GlueModelConverter {
    /** Prefix of the parameters that carry Glue-only fields. */
    public static final String PREFIX = "lakeport.glue.";

    public static final String SKEWED_COLUMN_VALUES = PREFIX + "SkewedColumnValues";
    public static final String SKEWED_COLUMN_VALUE_LOCATION_MAPS = PREFIX + "SkewedColumnValueLocationMaps";

    static final List<String> DATABASE_CARRIED =
            List.of("CreateTableDefaultPermissions", "TargetDatabase", "FederatedDatabase");
    static final List<String> TABLE_CARRIED = List.of(
            "TargetTable", "FederatedTable", "ViewDefinition", "IsMultiDialectView", "IsMaterializedView", "CreatedBy");
    static final List<String> SD_CARRIED = List.of("AdditionalLocations", "SchemaReference");

    private GlueModelConverter() {}

    // ---- Glue -> model
    // -----------------------------------------------------------------------------------------------

    public static Database toDatabase(software.amazon.awssdk.services.glue.model.Database d) {
        Map<String, String> parameters = new HashMap<>(d.parameters());
        carry(d, DATABASE_CARRIED, parameters);
        return new Database(
                d.name(),
                Immutables.text(d.description()),
                Immutables.text(d.locationUri()),
                parameters,
                seconds(d.createTime()));
    }

    public static Table toTable(software.amazon.awssdk.services.glue.model.Table t) {
        Map<String, String> parameters = new HashMap<>(t.parameters());
        carry(t, TABLE_CARRIED, parameters);
        return Table.builder(t.databaseName(), t.name())
                .description(t.description())
                .owner(t.owner())
                .createTime(seconds(t.createTime()).orElse(null))
                .lastAccessTime(seconds(t.lastAccessTime()).orElse(null))
                .lastAnalyzedTime(seconds(t.lastAnalyzedTime()).orElse(null))
                .retention(t.retention() == null ? 0 : t.retention())
                .storageDescriptor(t.storageDescriptor() == null ? null : toStorageDescriptor(t.storageDescriptor()))
                .partitionKeys(toColumns(t.partitionKeys()))
                .viewOriginalText(t.viewOriginalText())
                .viewExpandedText(t.viewExpandedText())
                .tableType(t.tableType())
                .parameters(parameters)
                .build();
    }

    /** A partition; {@code database} and {@code table} name it when the response leaves them out. */
    public static Partition toPartition(
            software.amazon.awssdk.services.glue.model.Partition p, String database, String table) {
        return new Partition(
                p.databaseName() == null ? database : p.databaseName(),
                p.tableName() == null ? table : p.tableName(),
                p.values(),
                Optional.ofNullable(p.storageDescriptor()).map(GlueModelConverter::toStorageDescriptor),
                p.parameters(),
                seconds(p.creationTime()),
                seconds(p.lastAccessTime()),
                seconds(p.lastAnalyzedTime()));
    }

    /** A function; {@code database} names it when the response leaves the database out. */
    public static Function toFunction(UserDefinedFunction f, String database) {
        return new Function(
                f.databaseName() == null ? database : f.databaseName(),
                f.functionName(),
                f.className(),
                Immutables.text(f.ownerName()),
                Immutables.text(f.ownerTypeAsString()),
                Immutables.text(f.functionTypeAsString()),
                f.resourceUris().stream()
                        .map(r -> new ResourceUri(r.resourceTypeAsString(), r.uri()))
                        .toList(),
                seconds(f.createTime()));
    }

    static StorageDescriptor toStorageDescriptor(software.amazon.awssdk.services.glue.model.StorageDescriptor sd) {
        Map<String, String> parameters = new HashMap<>(sd.parameters());
        carry(sd, SD_CARRIED, parameters);
        software.amazon.awssdk.services.glue.model.SerDeInfo serde = sd.serdeInfo();
        return StorageDescriptor.builder()
                .columns(toColumns(sd.columns()))
                .location(sd.location())
                .inputFormat(sd.inputFormat())
                .outputFormat(sd.outputFormat())
                .compressed(Boolean.TRUE.equals(sd.compressed()))
                .numberOfBuckets(sd.numberOfBuckets() == null ? 0 : sd.numberOfBuckets())
                .serDeInfo(
                        serde == null
                                ? SerDeInfo.EMPTY
                                : new SerDeInfo(
                                        Immutables.text(serde.name()),
                                        Immutables.text(serde.serializationLibrary()),
                                        serde.parameters()))
                .bucketColumns(sd.bucketColumns())
                .sortColumns(sd.sortColumns().stream()
                        // Glue requires SortOrder; Hive's default, ascending, if a writer left it out
                        .map(o -> new SortColumn(o.column(), o.sortOrder() == null ? 1 : o.sortOrder()))
                        .toList())
                .skewedInfo(toSkewedInfo(sd.skewedInfo(), parameters))
                .storedAsSubDirectories(Boolean.TRUE.equals(sd.storedAsSubDirectories()))
                .parameters(parameters)
                .build();
    }

    private static SkewedInfo toSkewedInfo(
            software.amazon.awssdk.services.glue.model.SkewedInfo skew, Map<String, String> sdParameters) {
        if (skew == null) {
            return SkewedInfo.EMPTY;
        }
        int arity = skew.skewedColumnNames().size();
        List<String> unparsedValues = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (String encoded : skew.skewedColumnValues()) {
            values.add(decodeOrKeep(encoded, arity, unparsedValues));
        }
        List<String> unparsedKeys = new ArrayList<>();
        Map<List<String>, String> locations = new LinkedHashMap<>();
        skew.skewedColumnValueLocationMaps()
                .forEach((encoded, location) -> locations.put(decodeOrKeep(encoded, arity, unparsedKeys), location));
        // The fallbacks hold the Glue fields as Glue had them (FIELD-MAP's FB:X): the whole list, and the whole
        // value-to-location map with sorted keys, so nothing depends on how the model re-encoded the tuples.
        if (!unparsedValues.isEmpty()) {
            sdParameters.put(SKEWED_COLUMN_VALUES, GlueJson.write(skew.skewedColumnValues()));
        }
        if (!unparsedKeys.isEmpty()) {
            sdParameters.put(SKEWED_COLUMN_VALUE_LOCATION_MAPS, GlueJson.write(skew.skewedColumnValueLocationMaps()));
        }
        return new SkewedInfo(skew.skewedColumnNames(), values, locations);
    }

    private static List<String> decodeOrKeep(String encoded, int arity, List<String> unparsed) {
        Optional<List<String>> tuple = GlueSkewCodec.decode(encoded, arity);
        if (tuple.isPresent()) {
            return tuple.get();
        }
        unparsed.add(encoded);
        return List.of(encoded);
    }

    private static List<Column> toColumns(List<software.amazon.awssdk.services.glue.model.Column> columns) {
        return columns.stream()
                .map(c -> new Column(c.name(), c.type(), Immutables.text(c.comment()), c.parameters()))
                .toList();
    }

    // ---- model -> Glue
    // -----------------------------------------------------------------------------------------------

    public static DatabaseInput toDatabaseInput(Database d) {
        Map<String, String> parameters = new HashMap<>(d.parameters());
        DatabaseInput.Builder b = DatabaseInput.builder()
                .name(d.name())
                .description(d.description().orElse(null))
                .locationUri(d.locationUri().orElse(null));
        restore(b, DATABASE_CARRIED, parameters);
        return b.parameters(parameters).build();
    }

    public static TableInput toTableInput(Table t) {
        Map<String, String> parameters = new HashMap<>(t.parameters());
        TableInput.Builder b = TableInput.builder()
                .name(t.name())
                .description(t.description().orElse(null))
                .owner(t.owner().orElse(null))
                .lastAccessTime(
                        t.lastAccessTime().map(GlueModelConverter::floor).orElse(null))
                .lastAnalyzedTime(
                        t.lastAnalyzedTime().map(GlueModelConverter::floor).orElse(null))
                .retention(t.retention())
                .storageDescriptor(
                        t.storageDescriptor().map(GlueModelConverter::toGlue).orElse(null))
                .partitionKeys(toGlueColumns(t.partitionKeys()))
                .viewOriginalText(t.viewOriginalText().orElse(null))
                .viewExpandedText(t.viewExpandedText().orElse(null))
                .tableType(t.tableType().orElse(null));
        restore(b, TABLE_CARRIED, parameters);
        return b.parameters(parameters).build();
    }

    public static PartitionInput toPartitionInput(Partition p) {
        return PartitionInput.builder()
                .values(p.values())
                .lastAccessTime(
                        p.lastAccessTime().map(GlueModelConverter::floor).orElse(null))
                .lastAnalyzedTime(
                        p.lastAnalyzedTime().map(GlueModelConverter::floor).orElse(null))
                .storageDescriptor(
                        p.storageDescriptor().map(GlueModelConverter::toGlue).orElse(null))
                .parameters(p.parameters())
                .build();
    }

    public static UserDefinedFunctionInput toFunctionInput(Function f) {
        return UserDefinedFunctionInput.builder()
                .functionName(f.name())
                .className(f.className())
                .ownerName(f.ownerName().orElse(null))
                .ownerType(f.ownerType().orElse(null))
                .functionType(f.functionType().orElse(null))
                .resourceUris(f.resourceUris().stream()
                        .map(r -> software.amazon.awssdk.services.glue.model.ResourceUri.builder()
                                .resourceType(r.resourceType())
                                .uri(r.uri())
                                .build())
                        .toList())
                .build();
    }

    static software.amazon.awssdk.services.glue.model.StorageDescriptor toGlue(StorageDescriptor sd) {
        Map<String, String> parameters = new HashMap<>(sd.parameters());
        Set<String> rawValues = rawSkewStrings(parameters.remove(SKEWED_COLUMN_VALUES));
        Set<String> rawKeys = rawSkewStrings(parameters.remove(SKEWED_COLUMN_VALUE_LOCATION_MAPS));
        software.amazon.awssdk.services.glue.model.StorageDescriptor.Builder b =
                software.amazon.awssdk.services.glue.model.StorageDescriptor.builder()
                        .columns(toGlueColumns(sd.columns()))
                        .location(sd.location().orElse(null))
                        .inputFormat(sd.inputFormat().orElse(null))
                        .outputFormat(sd.outputFormat().orElse(null))
                        .compressed(sd.compressed())
                        .numberOfBuckets(sd.numberOfBuckets())
                        .bucketColumns(sd.bucketColumns())
                        .sortColumns(sd.sortColumns().stream()
                                .map(s -> Order.builder()
                                        .column(s.column())
                                        .sortOrder(s.order())
                                        .build())
                                .toList())
                        .storedAsSubDirectories(sd.storedAsSubDirectories());
        SerDeInfo serde = sd.serDeInfo();
        if (!serde.equals(SerDeInfo.EMPTY)) {
            b.serdeInfo(software.amazon.awssdk.services.glue.model.SerDeInfo.builder()
                    .name(serde.name().orElse(null))
                    .serializationLibrary(serde.serializationLibrary().orElse(null))
                    .parameters(serde.parameters())
                    .build());
        }
        SkewedInfo skew = sd.skewedInfo();
        if (!skew.isEmpty()) {
            Map<String, String> locations = new LinkedHashMap<>();
            skew.valueLocationMaps().forEach((tuple, location) -> locations.put(encode(tuple, rawKeys), location));
            b.skewedInfo(software.amazon.awssdk.services.glue.model.SkewedInfo.builder()
                    .skewedColumnNames(skew.columnNames())
                    .skewedColumnValues(skew.columnValues().stream()
                            .map(tuple -> encode(tuple, rawValues))
                            .toList())
                    .skewedColumnValueLocationMaps(locations)
                    .build());
        }
        restore(b, SD_CARRIED, parameters);
        return b.parameters(parameters).build();
    }

    /** A tuple read as one undecodable string goes back verbatim; any other tuple is encoded. */
    private static String encode(List<String> tuple, Set<String> raw) {
        if (tuple.size() == 1 && raw.contains(tuple.get(0))) {
            return tuple.get(0);
        }
        return GlueSkewCodec.encode(tuple);
    }

    /** The Glue strings a fallback holds: a list's elements, a map's keys. */
    private static Set<String> rawSkewStrings(String json) {
        Set<String> raw = new HashSet<>();
        if (json != null) {
            var node = GlueJson.parse(json);
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(raw::add);
            } else {
                node.forEach(n -> raw.add(n.asText()));
            }
        }
        return raw;
    }

    private static List<software.amazon.awssdk.services.glue.model.Column> toGlueColumns(List<Column> columns) {
        return columns.stream()
                .map(c -> software.amazon.awssdk.services.glue.model.Column.builder()
                        .name(c.name())
                        .type(c.type().isEmpty() ? null : c.type())
                        .comment(c.comment().orElse(null))
                        .parameters(c.parameters())
                        .build())
                .toList();
    }

    // ---- carried fields
    // ------------------------------------------------------------------------------------------------

    /** Puts each named member of {@code shape} that is set into {@code parameters} as {@code lakeport.glue.<member>}. */
    private static void carry(SdkPojo shape, Collection<String> members, Map<String, String> parameters) {
        for (SdkField<?> field : shape.sdkFields()) {
            if (!members.contains(field.locationName())) {
                continue;
            }
            Object value = field.getValueOrDefault(shape);
            if (value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap)) {
                parameters.put(PREFIX + field.locationName(), GlueJson.write(value));
            }
        }
    }

    /**
     * Moves each named member from {@code parameters} into {@code builder} where its shape has that member; members it
     * lacks (output-only fields such as {@code CreatedBy}) are dropped from the parameters all the same.
     */
    private static void restore(SdkPojo builder, Collection<String> members, Map<String, String> parameters) {
        Map<String, SdkField<?>> fields = new HashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        for (String member : members) {
            String json = parameters.remove(PREFIX + member);
            SdkField<?> field = fields.get(member);
            if (json != null && field != null) {
                field.set(builder, GlueJson.readField(json, field));
            }
        }
    }

    // ---- times
    // ---------------------------------------------------------------------------------------------------------

    private static Optional<Instant> seconds(Instant time) {
        return Optional.ofNullable(time).map(GlueModelConverter::floor);
    }

    private static Instant floor(Instant time) {
        return Instant.ofEpochSecond(time.getEpochSecond());
    }

    /** Whether a parameter key carries a Glue-only field. */
    public static boolean isCarried(String parameterKey) {
        return parameterKey.startsWith(PREFIX);
    }
}
