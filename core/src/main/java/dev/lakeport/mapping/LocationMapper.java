package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collector;

/**
 * Rewrites storage locations with the seed's {@code location.convertMap}: a JSON object whose keys are source
 * prefixes ({@code s3://bucket/path/}) and whose values are what replaces them ({@code oss://bucket/path/}).
 *
 * <p>Matching rules:
 *
 * <ul>
 *   <li>The longest matching prefix wins, so {@code s3://b/warehouse/raw/} can override {@code s3://b/warehouse/}.
 *   <li>A prefix ending in {@code /} matches any location that starts with it, and also the same location without
 *       its trailing slash ({@code s3://b/db1} with prefix {@code s3://b/db1/}), because Glue stores database and
 *       table locations both ways; the result then drops the value's trailing slash too.
 *   <li>A prefix without a trailing slash only matches at a path boundary: {@code s3://b/db1} covers
 *       {@code s3://b/db1} and {@code s3://b/db1/t}, never {@code s3://b/db10/t}.
 *   <li>Comparison is exact (case-sensitive); {@code s3a://} and {@code s3://} are different prefixes.
 *   <li>Source and destination of an entry both end with {@code /} or neither does; otherwise the entry is refused,
 *       naming it, since {@code s3://a} to {@code oss://x/} would write {@code oss://x//finance/...}.
 * </ul>
 */
public final class LocationMapper {

    /** The seed's property name; errors name it so the user knows which line to fix. */
    public static final String KEY = "location.convertMap";

    private static final Pattern URI_WITH_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*://[^/\\s]+.*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '([^']*)'");
    private static final LocationMapper IDENTITY = new LocationMapper(Map.of());

    private final Map<String, String> entries;
    // Longest first, so the first match is the longest prefix.
    private final List<Map.Entry<String, String>> byLength;

    private LocationMapper(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        List<Map.Entry<String, String>> sorted = new ArrayList<>(this.entries.entrySet());
        sorted.sort(Comparator.comparingInt(
                        (Map.Entry<String, String> e) -> e.getKey().length())
                .reversed());
        this.byLength = List.copyOf(sorted);
    }

    /** A mapper that changes nothing (no convertMap given). */
    public static LocationMapper identity() {
        return IDENTITY;
    }

    /**
     * Builds a mapper from prefix pairs, checked like {@link #parse(String)}.
     *
     * @throws InvalidMappingException naming {@value #KEY} and the problem
     */
    public static LocationMapper of(Map<String, String> entries) {
        requireNonNull(entries, "entries is null");
        for (Map.Entry<String, String> e : entries.entrySet()) {
            checkEntry(e.getKey(), e.getValue());
        }
        return new LocationMapper(entries);
    }

    /**
     * Parses the seed's JSON form, e.g. {@code {"s3://src/prefix/":"oss://dst/prefix/"}}. A blank text means no
     * mapping.
     *
     * @throws InvalidMappingException naming {@value #KEY} and the problem (with the 0-based position for bad JSON)
     */
    public static LocationMapper parse(String json) {
        requireNonNull(json, "json is null");
        Map<String, String> entries = new LinkedHashMap<>();
        for (Entry e : read(json)) {
            if (entries.putIfAbsent(e.source(), e.destination()) != null) {
                throw new InvalidMappingException(
                        KEY, "duplicate key \"" + e.source() + "\" at position " + e.position());
            }
        }
        return entries.isEmpty() ? IDENTITY : of(entries);
    }

    /** One entry of the JSON form as written: the source prefix, its replacement and where the key starts. */
    public record Entry(String source, String destination, long position) {}

    /**
     * The one reader of {@value #KEY}'s JSON form: the entries in the order written, duplicates kept (so that a form
     * can show both and let the user fix them); a blank text has none. Every caller reads the setting through this.
     *
     * @throws InvalidMappingException naming {@value #KEY} and the problem (with the 0-based position for bad JSON)
     */
    public static List<Entry> read(String json) {
        requireNonNull(json, "json is null");
        List<Entry> entries = new ArrayList<>();
        if (json.isBlank()) {
            return entries;
        }
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidMappingException(
                        KEY,
                        "must be a JSON object like {\"s3://bucket/prefix/\":\"oss://bucket/prefix/\"}, but is "
                                + describe(first));
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String source = parser.currentName();
                long position = offset(parser.currentTokenLocation());
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    throw new InvalidMappingException(
                            KEY,
                            "the value of \"" + source + "\" must be a string (the destination prefix), but is "
                                    + describe(value));
                }
                entries.add(new Entry(source, parser.getText(), position));
            }
            if (token != JsonToken.END_OBJECT) {
                throw new InvalidMappingException(KEY, "unexpected " + describe(token));
            }
            // Anything but blanks after the closing brace is a mistake (often a second object pasted in).
            int end = (int) offset(parser.currentTokenLocation()) + 1;
            for (int i = end; i < json.length(); i++) {
                if (!Character.isWhitespace(json.charAt(i))) {
                    throw new InvalidMappingException(KEY, "unexpected text after the JSON object at position " + i);
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMappingException(
                    KEY, "not valid JSON at position " + errorPosition(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidMappingException(KEY, "cannot be read: " + e.getMessage());
        }
        return entries;
    }

    /** The prefix pairs in the order given. */
    public Map<String, String> entries() {
        return entries;
    }

    public boolean isIdentity() {
        return entries.isEmpty();
    }

    /** The seed's JSON form of this mapper, keys in the order given. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + KEY, e);
        }
    }

    /** Whether some entry rewrites this location. */
    public boolean covers(String location) {
        return map(location).isPresent();
    }

    /** The rewritten location, or empty when no entry covers it. */
    public Optional<String> map(String location) {
        requireNonNull(location, "location is null");
        for (Map.Entry<String, String> e : byLength) {
            String prefix = e.getKey();
            String target = e.getValue();
            if (location.startsWith(prefix)) {
                boolean boundary = prefix.endsWith("/")
                        || location.length() == prefix.length()
                        || location.charAt(prefix.length()) == '/';
                if (boundary) {
                    return Optional.of(target + location.substring(prefix.length()));
                }
            } else if (prefix.endsWith("/")
                    && location.length() == prefix.length() - 1
                    && prefix.startsWith(location)) {
                return Optional.of(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
            }
        }
        return Optional.empty();
    }

    /** The rewritten location, or the location unchanged when no entry covers it. */
    public String apply(String location) {
        return map(location).orElse(location);
    }

    /**
     * Table parameters that hold a location: Iceberg's metadata files and an Avro table's schema file. The mapping
     * rewrites them like {@code Sd.Location}.
     */
    public static final java.util.Set<String> TABLE_LOCATION_PARAMETERS =
            java.util.Set.of("metadata_location", "previous_metadata_location", "avro.schema.url");

    /** SerDe parameters that hold a location: a Delta (Spark) table's {@code path}, an Avro schema file. */
    public static final java.util.Set<String> SERDE_LOCATION_PARAMETERS = java.util.Set.of("path", "avro.schema.url");

    /** Storage-descriptor parameters that hold a location: {@code path}, where some writers put a Delta table's. */
    public static final java.util.Set<String> SD_LOCATION_PARAMETERS = java.util.Set.of("path");

    /**
     * Every location an object holds: database location, Sd locations, skewed-value locations, resource URIs, and
     * the S3 locations in the location-bearing parameters ({@link #TABLE_LOCATION_PARAMETERS},
     * {@link #SERDE_LOCATION_PARAMETERS}, {@link #SD_LOCATION_PARAMETERS}).
     */
    public static List<String> locationsOf(CatalogObject object) {
        List<String> out = new ArrayList<>();
        if (object instanceof Database d) {
            d.locationUri().ifPresent(out::add);
        } else if (object instanceof Table t) {
            t.storageDescriptor().ifPresent(sd -> addSd(sd, out));
            addS3Parameters(t.parameters(), TABLE_LOCATION_PARAMETERS, out);
        } else if (object instanceof Partition p) {
            p.storageDescriptor().ifPresent(sd -> addSd(sd, out));
        } else if (object instanceof Function f) {
            for (ResourceUri r : f.resourceUris()) {
                out.add(r.uri());
            }
        }
        return out;
    }

    /** A fresh, thread-safe tracker of the locations this mapper does not cover. */
    public UncoveredLocations uncovered() {
        return new UncoveredLocations(this);
    }

    /** Collects a stream of locations into the groups this mapper does not cover, most frequent first. */
    public Collector<String, UncoveredLocations, List<UncoveredLocations.Group>> uncoveredCollector() {
        return Collector.of(
                this::uncovered,
                UncoveredLocations::add,
                UncoveredLocations::merge,
                UncoveredLocations::groups,
                Collector.Characteristics.UNORDERED,
                Collector.Characteristics.CONCURRENT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocationMapper other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "LocationMapper" + entries;
    }

    private static void addSd(StorageDescriptor sd, List<String> out) {
        sd.location().ifPresent(out::add);
        out.addAll(sd.skewedInfo().valueLocationMaps().values());
        addS3Parameters(sd.serDeInfo().parameters(), SERDE_LOCATION_PARAMETERS, out);
        addS3Parameters(sd.parameters(), SD_LOCATION_PARAMETERS, out);
    }

    /** Only S3 values: an Avro schema URL may well be http://, which no convertMap is meant to cover. */
    private static void addS3Parameters(Map<String, String> parameters, java.util.Set<String> names, List<String> out) {
        for (String name : names) {
            String value = parameters.get(name);
            if (value != null && isS3(value)) {
                out.add(value);
            }
        }
    }

    /** Whether a location is on S3 ({@code s3://}, {@code s3a://}, {@code s3n://}, any case). */
    public static boolean isS3(String location) {
        String l = location.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("s3://") || l.startsWith("s3a://") || l.startsWith("s3n://");
    }

    private static void checkEntry(String source, String target) {
        if (source == null || source.isEmpty()) {
            throw new InvalidMappingException(KEY, "empty source prefix (key \"\"): it would match every location");
        }
        if (!URI_WITH_SCHEME.matcher(source).matches()) {
            throw new InvalidMappingException(
                    KEY, "source \"" + source + "\" is not a URI with a scheme and bucket, e.g. s3://bucket/prefix/");
        }
        if (target == null || target.isEmpty()) {
            throw new InvalidMappingException(KEY, "the destination of \"" + source + "\" is empty");
        }
        if (!URI_WITH_SCHEME.matcher(target).matches()) {
            throw new InvalidMappingException(
                    KEY,
                    "destination \"" + target + "\" of \"" + source
                            + "\" is not a URI with a scheme and bucket, e.g. oss://bucket/prefix/");
        }
        // "s3://a" -> "oss://x/" would give oss://x//finance/..., and "s3://a/" -> "oss://x" oss://xfinance/...
        if (source.endsWith("/") != target.endsWith("/")) {
            throw new InvalidMappingException(
                    KEY,
                    "entry \"" + source + "\": \"" + target + "\": "
                            + (source.endsWith("/") ? "the source" : "the destination")
                            + " ends with '/' and the " + (source.endsWith("/") ? "destination" : "source")
                            + " does not, so mapped locations would get a doubled or a missing '/'; end both with '/'"
                            + " (or neither)");
        }
    }

    private static long offset(JsonLocation location) {
        if (location == null) {
            return 0;
        }
        return location.getCharOffset() >= 0 ? location.getCharOffset() : Math.max(0, location.getColumnNr() - 1);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "empty";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    /** Jackson points after an unrecognised word; the user wants to see where the word starts. */
    private static long errorPosition(JsonProcessingException e) {
        long at = offset(e.getLocation());
        Matcher word = UNRECOGNIZED.matcher(String.valueOf(e.getOriginalMessage()));
        if (word.lookingAt()) {
            at = Math.max(0, at - word.group(1).length());
        }
        return at;
    }

    /** Jackson's message without its source-location appendix, which only repeats the position. */
    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }
}
