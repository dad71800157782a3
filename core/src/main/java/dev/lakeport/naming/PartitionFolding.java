package dev.lakeport.naming;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The setting {@code maxcompute.foldPartitionKeys}, as MaxCompute Migration Assist offers for tables over
 * MaxCompute's 60,000 partitions or 6 partition levels: the last N partition keys of a table become ordinary trailing
 * columns, and the destination's partitions are the distinct prefixes of the rest.
 *
 * <p>Written {@code DB.TABLE:N[,DB.TABLE:N…]}, tables named as the diff shows them (the MaxCompute project or {@code
 * project.schema} and table), and/or {@code auto}: for each table over a limit, the smallest N that brings it within
 * both, counted from the loaded source's partitions. An entry for a table wins over {@code auto}.
 */
public record PartitionFolding(Map<String, Integer> tables, boolean auto) {
    public static final String KEY = "maxcompute.foldPartitionKeys";
    public static final PartitionFolding NONE = new PartitionFolding(Map.of(), false);

    /** The note the type-mapping preview shows beside a folded key. */
    public static final String FOLDED_NOTE = "partition key folded into a column";

    public PartitionFolding {
        tables = Map.copyOf(new TreeMap<>(requireNonNull(tables, "tables is null")));
    }

    /**
     * Reads the setting's value; blank means no folding.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it (without the setting's key, which the
     *     caller adds)
     */
    public static PartitionFolding parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, Integer> tables = new LinkedHashMap<>();
        boolean auto = false;
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("has an empty entry in '" + text.trim() + "'");
            }
            if (entry.equalsIgnoreCase("auto")) {
                auto = true;
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "entry '" + entry + "' must be DB.TABLE:N (N partition keys to fold) or auto");
            }
            String table = entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String count = entry.substring(colon + 1).trim();
            int dot = table.lastIndexOf('.');
            if (dot <= 0 || dot == table.length() - 1) {
                throw new IllegalArgumentException(
                        "entry '" + entry + "' must name a table as DB.TABLE (as the diff shows it)");
            }
            int n;
            try {
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "entry '" + entry + "': '" + count + "' is not a number of partition keys");
            }
            if (n < 1) {
                throw new IllegalArgumentException("entry '" + entry + "': fold at least 1 partition key, was " + n);
            }
            if (tables.put(table, n) != null) {
                throw new IllegalArgumentException("names table " + table + " twice");
            }
        }
        return new PartitionFolding(tables, auto);
    }

    /** The number of keys the setting folds explicitly for a table ({@code db.table} as the diff shows it). */
    public OptionalInt explicit(String table) {
        Integer n = tables.get(table.toLowerCase(Locale.ROOT));
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    public boolean isEmpty() {
        return tables.isEmpty() && !auto;
    }

    /** The value as written back, entries in table order ({@code auto} first). */
    public String text() {
        StringBuilder sb = new StringBuilder(auto ? "auto" : "");
        tables.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(e.getKey()).append(':').append(e.getValue());
        });
        return sb.toString();
    }

    /**
     * The smallest number of trailing keys to fold so that a table with {@code keys} partition keys and these
     * partitions keeps at most {@code maxPartitions} distinct prefixes and at most {@code maxLevels} levels: 0 when it
     * is within both already, empty when even one level left has too many values.
     */
    public static OptionalInt smallestFold(
            int keys, Iterable<List<String>> partitions, int maxPartitions, int maxLevels) {
        requireNonNull(partitions, "partitions is null");
        if (keys == 0) {
            return OptionalInt.of(0);
        }
        for (int n = Math.max(0, keys - maxLevels); n < keys; n++) {
            if (distinctPrefixes(partitions, keys - n, maxPartitions) <= maxPartitions) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** Distinct prefixes of {@code length} values, counted up to one past {@code stopAfter}. */
    static long distinctPrefixes(Iterable<List<String>> partitions, int length, int stopAfter) {
        Set<List<String>> seen = new HashSet<>();
        for (List<String> values : partitions) {
            seen.add(List.copyOf(values.subList(0, Math.min(length, values.size()))));
            if (seen.size() > stopAfter) {
                break;
            }
        }
        return seen.size();
    }
}
