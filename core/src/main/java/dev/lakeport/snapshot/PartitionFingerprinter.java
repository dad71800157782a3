package dev.lakeport.snapshot;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Fingerprint#of} for the partitions of one table, several times faster. Serialising the canonical form costs
 * more than anything else in a load, and a table's partitions differ from each other only in their values, location,
 * parameters and analysis time: their canonical JSON is the same text around those few fields. This class asks
 * {@link CanonicalForm} once for that text (with sentinels in place of the fields), then splices each partition's
 * fields in, and hashes the result as {@link Fingerprint} does. The canonical form sorts fields by name, so a
 * partition's text is: database name, analysis time, parameters, storage descriptor (with the location inside),
 * table name, values.
 *
 * <p>It never guesses: a partition whose storage descriptor differs from the cached one in anything but its location,
 * or holding a character JSON would escape, goes the ordinary way; the first partitions of each shape and every
 * {@link #CHECK_EVERY}th are also fingerprinted the ordinary way and compared, and any difference (the canonical form
 * changed) turns the splicing off for the rest of the process. One instance per thread: it keeps a buffer.
 */
public final class PartitionFingerprinter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionFingerprinter.class);
    private static final String VALUES = "lakeport.sentinel.values";
    private static final String LOCATION = "lakeport.sentinel.location";
    private static final String PARAMETERS_START = ",\"parameters\":{";
    private static final int CHECKED_PER_SHAPE = 2;
    static final int CHECK_EVERY = 10_000;
    private static volatile boolean disabled;

    private Shape shape;
    private int checkedInShape;
    private long count;
    private byte[] buf = new byte[2048];
    private int len;

    /** The text around a shape's varying fields; null pieces mean the shape cannot be spliced. */
    private record Shape(
            String databaseName,
            String tableName,
            StorageDescriptor sd,
            byte[] head,
            byte[] afterParameters,
            byte[] afterLocation,
            byte[] tail) {}

    /** How many fingerprints were spliced rather than serialised. */
    long splicedCount() {
        return count;
    }

    static boolean isDisabled() {
        return disabled;
    }

    /** The fingerprint {@link Fingerprint#of} gives for a partition already in destination form. */
    public long of(Partition mapped) {
        if (disabled) {
            return Fingerprint.of(mapped);
        }
        byte[] spliced = splice(mapped);
        if (spliced == null) {
            return Fingerprint.of(mapped);
        }
        count++;
        if (checkedInShape < CHECKED_PER_SHAPE || count % CHECK_EVERY == 0) {
            checkedInShape++;
            byte[] expected = CanonicalForm.toBytes(mapped);
            if (!Arrays.equals(expected, spliced)) {
                disabled = true;
                LOG.warn(
                        "partition fingerprints are computed the slow way from now on: the canonical form of {}"
                                + " differs from the spliced one",
                        mapped.key());
                return Fingerprint.ofCanonicalBytes(expected);
            }
        }
        return Fingerprint.ofCanonicalBytes(spliced);
    }

    private byte[] splice(Partition p) {
        if (p.storageDescriptor().isEmpty()) {
            return null;
        }
        StorageDescriptor sd = p.storageDescriptor().get();
        Optional<String> location = sd.location();
        if (location.isEmpty()) {
            return null;
        }
        Shape s = shape;
        if (s == null
                || !s.databaseName().equals(p.databaseName())
                || !s.tableName().equals(p.tableName())
                || !ObjectCodec.sameExceptLocation(s.sd(), sd)) {
            s = shape(p, sd);
            shape = s;
            checkedInShape = 0;
        }
        if (s.head() == null) {
            return null;
        }
        len = 0;
        append(s.head());
        if (p.lastAnalyzedTime().isPresent()) {
            Instant t = p.lastAnalyzedTime().get();
            appendAscii(",\"lastAnalyzedTime\":" + t.getEpochSecond() * 1000);
        }
        appendAscii(PARAMETERS_START);
        if (!appendParameters(p.parameters())) {
            return null;
        }
        append(s.afterParameters());
        if (!appendString(location.get())) {
            return null;
        }
        append(s.afterLocation());
        append((byte) '[');
        List<String> values = p.values();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                append((byte) ',');
            }
            if (!appendString(values.get(i))) {
                return null;
            }
        }
        append((byte) ']');
        append(s.tail());
        return Arrays.copyOf(buf, len);
    }

    /** The parameters as a JSON object in key order, without the volatile ones. */
    private boolean appendParameters(Map<String, String> parameters) {
        Map<String, String> sorted = parameters instanceof SortedMap<String, String> m && m.comparator() == null
                ? parameters
                : new TreeMap<>(parameters);
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (CanonicalForm.VOLATILE_PARAMETERS.contains(e.getKey())) {
                continue;
            }
            if (!first) {
                append((byte) ',');
            }
            first = false;
            if (!appendString(e.getKey())) {
                return false;
            }
            append((byte) ':');
            if (!appendString(e.getValue())) {
                return false;
            }
        }
        append((byte) '}');
        return true;
    }

    /**
     * Cuts the canonical JSON of a sentinel partition of this shape (no analysis time, no parameters) into the text
     * before its parameters, between them and the location, between the location and the values, and after the
     * values: the canonical form sorts a partition's fields, so they come in this order.
     */
    private static Shape shape(Partition p, StorageDescriptor sd) {
        Partition sentinel = new Partition(
                p.databaseName(),
                p.tableName(),
                List.of(VALUES),
                Optional.of(sd.withLocation(LOCATION)),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        String json = CanonicalForm.toText(sentinel);
        String parameters = PARAMETERS_START + "}";
        String values = "[\"" + VALUES + "\"]";
        String location = "\"" + LOCATION + "\"";
        int a = json.indexOf(parameters);
        int l = json.indexOf(location);
        int v = json.indexOf(values);
        // The storage descriptor has parameters of its own; the partition's come first. JSON escapes every quote
        // inside a string, so none of these marks can appear inside a name or value.
        boolean usable =
                a > 0 && l > a && v > l && json.indexOf(location, l + 1) < 0 && json.indexOf(values, v + 1) < 0;
        if (!usable) {
            return new Shape(p.databaseName(), p.tableName(), sd, null, null, null, null);
        }
        return new Shape(
                p.databaseName(),
                p.tableName(),
                sd,
                json.substring(0, a).getBytes(StandardCharsets.UTF_8),
                json.substring(a + parameters.length(), l).getBytes(StandardCharsets.UTF_8),
                json.substring(l + location.length(), v).getBytes(StandardCharsets.UTF_8),
                json.substring(v + values.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a JSON string; false if it holds a character JSON escapes (or a surrogate), left to the slow way. */
    private boolean appendString(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F || Character.isSurrogate(c)) {
                return false;
            }
            ascii &= c < 0x80;
        }
        append((byte) '"');
        if (ascii) {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        } else {
            append(s.getBytes(StandardCharsets.UTF_8));
        }
        append((byte) '"');
        return true;
    }

    private void appendAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void append(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
