package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns an object read from Glue into exactly what Lakeport writes to DLF, and so what reading it back from DLF must
 * give. The rules follow docs FIELD-MAP:
 *
 * <ul>
 *   <li>{@code location.convertMap} rewrites every location: database {@code LocationUri}, table and partition
 *       {@code Sd.Location}, skewed-value locations (also in the {@code lakeport.glue.SkewedColumnValueLocationMaps}
 *       fallback), the Delta {@code lakeport.glue.AdditionalLocations} list, function resource URIs, and the
 *       location-bearing parameters: table {@code metadata_location}, {@code previous_metadata_location} (Iceberg)
 *       and {@code avro.schema.url}; SerDe {@code path} (Delta) and {@code avro.schema.url}; {@code Sd.Parameters.path}
 *       (where some writers put a Delta table's). Any other parameter whose
 *       value starts with a mapped source prefix is carried unchanged, with a warning.
 *   <li>A table's Description becomes {@code Parameters.comment} when that is absent or equal (Hive keeps the comment
 *       there); otherwise the comment wins and the Description travels as {@code lakeport.glue.Description} (compact
 *       JSON string). The Description field itself is always cleared: DLF tables have none.
 *   <li>FunctionType becomes {@code JAVA}, Hive's only function type, since DLF's Hive client reads it with
 *       {@code valueOf}. The original is not kept on the function: DLF functions have no parameters, and storing it
 *       on the database would make the database's mapped form depend on its functions. Glue's REGULAR_FUNCTION /
 *       AGGREGATE_FUNCTION carry no meaning for Hive, so nothing is lost; STORED_PROCEDURE gets a warning.
 *   <li>OwnerType and ResourceType are kept; words Hive does not know get a warning.
 *   <li>Times are floored to whole seconds: DLF stores int32 epoch seconds.
 * </ul>
 *
 * <p>Everything else is carried unchanged. {@link #mappingId()} identifies the rules and settings; a snapshot
 * fingerprinted under another id must be fingerprinted again.
 */
public final class GlueToDlfMapping implements CatalogMapping {

    /** Bump whenever a rule here changes what {@link #apply} returns, so stored fingerprints are recomputed. */
    public static final int RULES_VERSION = 2;

    /** The prefix of parameters that carry Glue fields DLF has no place for. */
    public static final String FALLBACK_PREFIX = "lakeport.glue.";

    public static final String DESCRIPTION_FALLBACK = FALLBACK_PREFIX + "Description";
    public static final String ADDITIONAL_LOCATIONS_FALLBACK = FALLBACK_PREFIX + "AdditionalLocations";
    /** Glue's SkewedColumnValueLocationMaps as read (JSON object), when a key could not be decoded. */
    public static final String SKEWED_LOCATION_MAPS_FALLBACK = FALLBACK_PREFIX + "SkewedColumnValueLocationMaps";

    public static final String COMMENT = "comment";
    public static final String HIVE_FUNCTION_TYPE = "JAVA";

    /** Hive's PrincipalType and ResourceType words: anything else breaks DLF's Hive client. */
    public static final Set<String> HIVE_OWNER_TYPES = Set.of("USER", "ROLE", "GROUP");

    public static final Set<String> HIVE_RESOURCE_TYPES = Set.of("JAR", "FILE", "ARCHIVE");

    /**
     * Column types longer than this may not fit: Hive metastore schemas before 4.0 keep COLUMNS_V2.TYPE_NAME in a
     * varchar(4000), and DLF publishes no limit.
     */
    public static final int MAX_SAFE_TYPE_LENGTH = 4000;

    /** The last second an int32 epoch-seconds field can hold. */
    public static final Instant MAX_TIME = Instant.ofEpochSecond(Integer.MAX_VALUE);

    public static final Instant MIN_TIME = Instant.ofEpochSecond(Integer.MIN_VALUE);

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocationMapper locations;
    private final String mappingId;
    private final String destination;

    public GlueToDlfMapping(LocationMapper locations) {
        this(locations, "glue-to-dlf");
    }

    /** The rules for {@code route}, with warnings that call the destination DLF. */
    public GlueToDlfMapping(LocationMapper locations, String route) {
        this(locations, route, "DLF");
    }

    /**
     * The same rules for another route between Hive-compatible catalogs ({@code route} names it in the mapping id,
     * so that a snapshot mapped for one route is mapped again for another); warnings name the destination by
     * {@code destinationName} ("DLF", "Hive").
     */
    public GlueToDlfMapping(LocationMapper locations, String route, String destinationName) {
        this.locations = requireNonNull(locations, "locations is null");
        this.mappingId = computeId(locations, requireNonNull(route, "route is null"));
        this.destination = requireNonNull(destinationName, "destinationName is null");
    }

    @Override
    public LocationMapper locationMapper() {
        return locations;
    }

    /**
     * A stable hash of everything that changes what {@link #apply} returns: {@link #RULES_VERSION} and the
     * convertMap entries (their order does not matter, the longest prefix wins).
     */
    @Override
    public String mappingId() {
        return mappingId;
    }

    @Override
    public CatalogObject apply(CatalogObject object) {
        requireNonNull(object, "object is null");
        if (object instanceof Database d) {
            return mapDatabase(d);
        }
        if (object instanceof Table t) {
            return mapTable(t);
        }
        if (object instanceof Partition p) {
            return mapPartition(p);
        }
        return mapFunction((Function) object);
    }

    /** The mapped object and its warnings in one pass. */
    @Override
    public Mapped map(CatalogObject source) {
        CatalogObject mapped = apply(source);
        return new Mapped(mapped, warnings(source, mapped));
    }

    /** What a user should know about an object read from Glue (pass the source object, not the mapped one). */
    @Override
    public List<MappingWarning> warnings(CatalogObject source) {
        return warnings(source, apply(source));
    }

    // ---- mapping -----------------------------------------------------------------------------------------------

    private Database mapDatabase(Database d) {
        return new Database(
                d.name(),
                d.description(),
                d.locationUri().map(locations::apply),
                d.parameters(),
                d.createTime().map(GlueToDlfMapping::seconds));
    }

    private Table mapTable(Table t) {
        Map<String, String> mappedParameters =
                mapLocationParameters(t.parameters(), LocationMapper.TABLE_LOCATION_PARAMETERS);
        Table.Builder b = t.toBuilder()
                .createTime(seconds(t.createTime()))
                .lastAccessTime(seconds(t.lastAccessTime()))
                .lastAnalyzedTime(seconds(t.lastAnalyzedTime()))
                .storageDescriptor(t.storageDescriptor().map(this::mapSd).orElse(null))
                .parameters(mappedParameters);
        if (t.description().isPresent()) {
            String description = t.description().get();
            Map<String, String> parameters = new TreeMap<>(mappedParameters);
            String comment = parameters.get(COMMENT);
            if (comment == null || comment.isEmpty()) {
                parameters.put(COMMENT, description);
            } else if (!comment.equals(description)) {
                parameters.put(DESCRIPTION_FALLBACK, jsonString(description));
            }
            b.parameters(parameters).description(null);
        }
        return b.build();
    }

    private Partition mapPartition(Partition p) {
        return new Partition(
                p.databaseName(),
                p.tableName(),
                p.values(),
                p.storageDescriptor().map(this::mapSd),
                p.parameters(),
                p.createTime().map(GlueToDlfMapping::seconds),
                p.lastAccessTime().map(GlueToDlfMapping::seconds),
                p.lastAnalyzedTime().map(GlueToDlfMapping::seconds));
    }

    private Function mapFunction(Function f) {
        List<ResourceUri> uris = new ArrayList<>(f.resourceUris().size());
        for (ResourceUri r : f.resourceUris()) {
            uris.add(new ResourceUri(r.resourceType(), locations.apply(r.uri())));
        }
        return new Function(
                f.databaseName(),
                f.name(),
                f.className(),
                f.ownerName(),
                f.ownerType(),
                Optional.of(HIVE_FUNCTION_TYPE),
                uris,
                f.createTime().map(GlueToDlfMapping::seconds));
    }

    private StorageDescriptor mapSd(StorageDescriptor sd) {
        StorageDescriptor.Builder b = sd.toBuilder();
        sd.location().ifPresent(l -> b.location(locations.apply(l)));
        SkewedInfo skew = sd.skewedInfo();
        if (!skew.valueLocationMaps().isEmpty()) {
            Map<List<String>, String> mapped = new LinkedHashMap<>();
            skew.valueLocationMaps().forEach((values, location) -> mapped.put(values, locations.apply(location)));
            b.skewedInfo(new SkewedInfo(skew.columnNames(), skew.columnValues(), mapped));
        }
        Map<String, String> parameters =
                new TreeMap<>(mapLocationParameters(sd.parameters(), LocationMapper.SD_LOCATION_PARAMETERS));
        String additional = sd.parameters().get(ADDITIONAL_LOCATIONS_FALLBACK);
        if (additional != null) {
            mapLocationList(additional).ifPresent(json -> parameters.put(ADDITIONAL_LOCATIONS_FALLBACK, json));
        }
        String skewMaps = sd.parameters().get(SKEWED_LOCATION_MAPS_FALLBACK);
        if (skewMaps != null) {
            mapLocationValues(skewMaps).ifPresent(json -> parameters.put(SKEWED_LOCATION_MAPS_FALLBACK, json));
        }
        if (!parameters.equals(sd.parameters())) {
            b.parameters(parameters);
        }
        SerDeInfo serde = sd.serDeInfo();
        Map<String, String> serdeParameters =
                mapLocationParameters(serde.parameters(), LocationMapper.SERDE_LOCATION_PARAMETERS);
        if (serdeParameters != serde.parameters()) {
            b.serDeInfo(new SerDeInfo(serde.name(), serde.serializationLibrary(), serdeParameters));
        }
        return b.build();
    }

    /** The parameters with the named ones' locations rewritten; the same map when nothing changes. */
    private Map<String, String> mapLocationParameters(Map<String, String> parameters, Set<String> names) {
        Map<String, String> out = null;
        for (String name : names) {
            String value = parameters.get(name);
            if (value == null) {
                continue;
            }
            Optional<String> mapped = locations.map(value);
            if (mapped.isPresent() && !mapped.get().equals(value)) {
                if (out == null) {
                    out = new TreeMap<>(parameters);
                }
                out.put(name, mapped.get());
            }
        }
        return out == null ? parameters : out;
    }

    /** Rewrites the values of a JSON object of locations; anything else is left alone (carried, not interpreted). */
    private Optional<String> mapLocationValues(String json) {
        try {
            Map<String, String> map = JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {});
            Map<String, String> mapped = new TreeMap<>();
            map.forEach((k, v) -> mapped.put(k, v == null ? null : locations.apply(v)));
            return Optional.of(JSON.writeValueAsString(mapped));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Rewrites a JSON array of locations; a value that is not one is left alone (it is carried, not interpreted). */
    private Optional<String> mapLocationList(String json) {
        try {
            List<String> list = JSON.readValue(json, new TypeReference<List<String>>() {});
            List<String> mapped = new ArrayList<>(list.size());
            for (String location : list) {
                mapped.add(location == null ? null : locations.apply(location));
            }
            return Optional.of(JSON.writeValueAsString(mapped));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    // ---- warnings ----------------------------------------------------------------------------------------------

    private List<MappingWarning> warnings(CatalogObject source, CatalogObject mapped) {
        List<MappingWarning> out = new ArrayList<>();
        ObjectKey key = source.key();
        List<String> badNames = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<String> stillOnS3 = new ArrayList<>();
        for (String location : LocationMapper.locationsOf(mapped)) {
            if (isS3(location)) {
                stillOnS3.add(location);
            }
        }
        if (source instanceof Database d) {
            checkName("database", d.name(), badNames);
            d.createTime().ifPresent(times::add);
            fallbacks(key, "", ((Database) mapped).parameters(), out);
        } else if (source instanceof Table t) {
            Table mt = (Table) mapped;
            checkName("table", t.name(), badNames);
            t.partitionKeys().forEach(c -> checkName("partition key", c.name(), badNames));
            t.storageDescriptor().ifPresent(sd -> sd.columns().forEach(c -> checkName("column", c.name(), badNames)));
            t.createTime().ifPresent(times::add);
            t.lastAccessTime().ifPresent(times::add);
            t.lastAnalyzedTime().ifPresent(times::add);
            if (t.tableType().map(type -> type.equalsIgnoreCase("GOVERNED")).orElse(false)) {
                out.add(new MappingWarning(
                        key,
                        MappingWarning.Code.GOVERNED_TABLE,
                        "a Lake Formation governed table: " + destination
                                + " keeps TableType GOVERNED, but not its transactions" + " or row filters"));
            }
            List<Column> columns = new ArrayList<>(t.partitionKeys());
            t.storageDescriptor().ifPresent(sd -> columns.addAll(sd.columns()));
            for (Column c : columns) {
                if (c.type().length() > MAX_SAFE_TYPE_LENGTH) {
                    out.add(new MappingWarning(
                            key,
                            MappingWarning.Code.LONG_COLUMN_TYPE,
                            "column '" + c.name() + "' has a type of "
                                    + c.type().length() + " characters; metastores may store at most "
                                    + MAX_SAFE_TYPE_LENGTH));
                }
            }
            fallbacks(key, "", mt.parameters(), out);
            mt.storageDescriptor().ifPresent(sd -> fallbacks(key, "Sd.", sd.parameters(), out));
        } else if (source instanceof Partition p) {
            p.createTime().ifPresent(times::add);
            p.lastAccessTime().ifPresent(times::add);
            p.lastAnalyzedTime().ifPresent(times::add);
            Partition mp = (Partition) mapped;
            fallbacks(key, "", mp.parameters(), out);
            mp.storageDescriptor().ifPresent(sd -> fallbacks(key, "Sd.", sd.parameters(), out));
        } else if (source instanceof Function f) {
            checkName("function", f.name(), badNames);
            f.createTime().ifPresent(times::add);
            if (f.functionType()
                    .map(type -> type.equalsIgnoreCase("STORED_PROCEDURE"))
                    .orElse(false)) {
                out.add(new MappingWarning(
                        key,
                        MappingWarning.Code.STORED_PROCEDURE,
                        "a Glue STORED_PROCEDURE is written as a JAVA function (Hive's only function type);"
                                + " Hive and Spark will call " + f.className() + " as a UDF"));
            }
            f.ownerType().ifPresent(type -> {
                if (!HIVE_OWNER_TYPES.contains(type)) {
                    out.add(new MappingWarning(
                            key,
                            MappingWarning.Code.UNKNOWN_OWNER_TYPE,
                            "owner type '" + type + "' is not one of USER, ROLE, GROUP; Hive clients of " + destination
                                    + " will" + " fail to read this function"));
                }
            });
            for (ResourceUri r : f.resourceUris()) {
                if (!HIVE_RESOURCE_TYPES.contains(r.resourceType())) {
                    out.add(new MappingWarning(
                            key,
                            MappingWarning.Code.UNKNOWN_RESOURCE_TYPE,
                            "resource type '" + r.resourceType() + "' of " + r.uri()
                                    + " is not one of JAR, FILE, ARCHIVE; Hive clients of " + destination
                                    + " will fail to read"
                                    + " this function"));
                }
            }
        }
        if (!badNames.isEmpty()) {
            out.add(new MappingWarning(
                    key,
                    MappingWarning.Code.NAME_CHARACTERS,
                    destination + " may reject names with characters other than letters, digits and '_': "
                            + String.join(", ", badNames)));
        }
        for (Instant time : times) {
            // Judged on the floored second, which is what is written.
            Instant written = seconds(time);
            if (written.isAfter(MAX_TIME) || written.isBefore(MIN_TIME)) {
                out.add(new MappingWarning(
                        key,
                        MappingWarning.Code.TIME_OUT_OF_RANGE,
                        "time " + time + " does not fit " + destination + "'s int32 seconds (" + MIN_TIME + " to "
                                + MAX_TIME + ")"));
                break;
            }
        }
        for (String where : parametersUnderSourcePrefix(mapped)) {
            out.add(new MappingWarning(
                    key,
                    MappingWarning.Code.LOCATION_IN_PARAMETER,
                    where + " starts with a location.convertMap source prefix but is not a parameter Lakeport"
                            + " rewrites; it is carried unchanged and still points at the source's storage"));
        }
        if (!stillOnS3.isEmpty()) {
            out.add(new MappingWarning(
                    key,
                    MappingWarning.Code.UNMAPPED_LOCATION,
                    stillOnS3.size() + (stillOnS3.size() == 1 ? " location stays" : " locations stay")
                            + " on S3 because no location.convertMap entry covers "
                            + (stillOnS3.size() == 1 ? "it" : "them") + ", e.g. " + stillOnS3.get(0)));
        }
        return List.copyOf(out);
    }

    /** {@code Parameters.x = value} for each parameter of the mapped object still under a mapped source prefix. */
    private List<String> parametersUnderSourcePrefix(CatalogObject mapped) {
        if (locations.isIdentity()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (mapped instanceof Database d) {
            underSourcePrefix("Parameters.", d.parameters(), out);
        } else if (mapped instanceof Table t) {
            underSourcePrefix("Parameters.", t.parameters(), out);
            t.storageDescriptor().ifPresent(sd -> sdUnderSourcePrefix(sd, out));
        } else if (mapped instanceof Partition p) {
            underSourcePrefix("Parameters.", p.parameters(), out);
            p.storageDescriptor().ifPresent(sd -> sdUnderSourcePrefix(sd, out));
        }
        return out;
    }

    private void sdUnderSourcePrefix(StorageDescriptor sd, List<String> out) {
        underSourcePrefix("Sd.Parameters.", sd.parameters(), out);
        underSourcePrefix("Sd.SerDeInfo.Parameters.", sd.serDeInfo().parameters(), out);
    }

    private void underSourcePrefix(String where, Map<String, String> parameters, List<String> out) {
        parameters.forEach((name, value) -> {
            if (value != null && !name.startsWith(FALLBACK_PREFIX) && locations.covers(value)) {
                out.add(where + name + " = " + value);
            }
        });
    }

    private void fallbacks(ObjectKey key, String where, Map<String, String> parameters, List<MappingWarning> out) {
        for (String name : parameters.keySet()) {
            if (name.startsWith(FALLBACK_PREFIX)) {
                String field = name.substring(FALLBACK_PREFIX.length());
                out.add(new MappingWarning(
                        key,
                        MappingWarning.Code.FALLBACK_PARAMETER,
                        "Glue's " + field + " has no " + destination + " field; it is kept as " + where + "Parameters."
                                + name));
            }
        }
    }

    private static void checkName(String what, String name, List<String> badNames) {
        if (!SAFE_NAME.matcher(name).matches()) {
            badNames.add(what + " '" + name + "'");
        }
    }

    private static boolean isS3(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("s3://") || l.startsWith("s3a://") || l.startsWith("s3n://");
    }

    private static Instant seconds(Optional<Instant> time) {
        return time.map(GlueToDlfMapping::seconds).orElse(null);
    }

    private static Instant seconds(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String jsonString(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a string as JSON", e);
        }
    }

    private static String computeId(LocationMapper locations, String route) {
        StringBuilder text =
                new StringBuilder(route).append(" rules ").append(RULES_VERSION).append('\n');
        new TreeMap<>(locations.entries()).forEach((from, to) -> text.append(from.length())
                .append(':')
                .append(from)
                .append(to.length())
                .append(':')
                .append(to)
                .append('\n'));
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "GlueToDlfMapping[rules=" + RULES_VERSION + ", " + locations + "]";
    }
}
