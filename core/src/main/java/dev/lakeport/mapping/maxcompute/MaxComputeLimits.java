package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.Column;
import dev.lakeport.model.Table;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MaxCompute's limits, checked on the source's objects before anything runs, each problem naming the object: names
 * (after the character mappings) of at most 128 bytes, a table's of letters, digits and {@code _} starting with a
 * letter, a column's of letters, digits, {@code _} and Chinese; at most 1,200 columns, 6 partition levels and 60,000
 * partitions a table; comments of at most 1,024 bytes; STRING partition values without Chinese characters; and no two
 * tables, or two columns of a table, that one name would stand for after mapping (both named).
 */
public final class MaxComputeLimits {
    public static final int MAX_NAME_BYTES = 128;
    public static final int MAX_COLUMNS = 1200;
    public static final int MAX_PARTITION_LEVELS = 6;
    public static final int MAX_PARTITIONS = 60_000;
    public static final int MAX_COMMENT_BYTES = 1024;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z0-9_\\p{IsHan}]+");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    /** One object MaxCompute cannot take as it is. */
    public record Problem(String object, String message) {
        @Override
        public String toString() {
            return object + ": " + message;
        }
    }

    private final CharacterMapping tableNames;
    private final CharacterMapping columnNames;
    private final CharacterMapping partitionValues;

    public MaxComputeLimits(
            CharacterMapping tableNames, CharacterMapping columnNames, CharacterMapping partitionValues) {
        this.tableNames = requireNonNull(tableNames, "tableNames is null");
        this.columnNames = requireNonNull(columnNames, "columnNames is null");
        this.partitionValues = requireNonNull(partitionValues, "partitionValues is null");
    }

    /** The table's name as MaxCompute will know it. */
    public String tableName(String source) {
        return tableNames.apply(source);
    }

    /** A partition value as it will be written. */
    public String partitionValue(String source) {
        return partitionValues.apply(source);
    }

    /** Problems of one table with {@code partitions} partitions, whose values are {@code someValues} (may be a sample). */
    public List<Problem> check(Table table, long partitions, Collection<List<String>> someValues) {
        return check(table, partitions, someValues, "fold trailing partition keys into columns");
    }

    /**
     * As {@link #check(Table, long, Collection)}, a table over the partition or level limit told {@code fix} (the
     * setting that would fold enough of its partition keys).
     */
    public List<Problem> check(Table table, long partitions, Collection<List<String>> someValues, String fix) {
        requireNonNull(table, "table is null");
        requireNonNull(fix, "fix is null");
        List<Problem> out = new ArrayList<>();
        String object = table.databaseName() + "." + table.name();
        String name = tableName(table.name());
        if (!TABLE_NAME.matcher(name).matches()) {
            out.add(new Problem(
                    object,
                    "table name '" + name + "' must be letters, digits and '_' starting with a"
                            + " letter; map its other characters with the table name character mapping"));
        }
        if (bytes(name) > MAX_NAME_BYTES) {
            out.add(new Problem(object, "table name is " + bytes(name) + " bytes, at most " + MAX_NAME_BYTES));
        }
        List<Column> columns = new ArrayList<>(
                table.storageDescriptor().map(sd -> sd.columns()).orElse(List.of()));
        columns.addAll(table.partitionKeys());
        if (columns.size() > MAX_COLUMNS) {
            out.add(new Problem(
                    object, String.format(Locale.ROOT, "%,d columns, at most %,d", columns.size(), MAX_COLUMNS)));
        }
        if (table.partitionKeys().size() > MAX_PARTITION_LEVELS) {
            out.add(new Problem(
                    object,
                    table.partitionKeys().size() + " partition levels, at most " + MAX_PARTITION_LEVELS + "; " + fix));
        }
        if (partitions > MAX_PARTITIONS) {
            out.add(new Problem(
                    object,
                    String.format(
                            Locale.ROOT, "%,d partitions, at most %,d a table; %s", partitions, MAX_PARTITIONS, fix)));
        }
        table.description().ifPresent(d -> comment(object, d, out));
        Map<String, String> seen = new HashMap<>();
        for (Column c : columns) {
            String mapped = columnNames.apply(c.name());
            String where = object + "." + c.name();
            if (!COLUMN_NAME.matcher(mapped).matches()) {
                out.add(new Problem(
                        where,
                        "column name '" + mapped + "' must be letters, digits, '_' or Chinese; map"
                                + " its other characters with the column name character mapping"));
            }
            if (bytes(mapped) > MAX_NAME_BYTES) {
                out.add(new Problem(where, "column name is " + bytes(mapped) + " bytes, at most " + MAX_NAME_BYTES));
            }
            String other = seen.putIfAbsent(mapped.toLowerCase(Locale.ROOT), c.name());
            if (other != null) {
                out.add(new Problem(
                        object,
                        "columns '" + other + "' and '" + c.name() + "' both become '" + mapped
                                + "' (MaxCompute's column names ignore case)"));
            }
            c.comment().ifPresent(d -> comment(where, d, out));
        }
        for (List<String> values : someValues) {
            for (int i = 0; i < values.size() && i < table.partitionKeys().size(); i++) {
                Column key = table.partitionKeys().get(i);
                String value = partitionValue(values.get(i));
                if (key.type().toLowerCase(Locale.ROOT).startsWith("string")
                        && CHINESE.matcher(value).find()) {
                    out.add(new Problem(
                            object + "/" + key.name() + "=" + values.get(i),
                            "a STRING partition value may not hold Chinese characters"));
                }
            }
        }
        return out;
    }

    /** Tables of one database that would have one name in MaxCompute (after mapping; names ignore case), both named. */
    public List<Problem> collisions(String database, Collection<String> tableNames) {
        Map<String, String> seen = new HashMap<>();
        List<Problem> out = new ArrayList<>();
        for (String t : tableNames) {
            String mapped = tableName(t).toLowerCase(Locale.ROOT);
            String other = seen.putIfAbsent(mapped, t);
            if (other != null) {
                out.add(new Problem(
                        database, "tables '" + other + "' and '" + t + "' both become '" + tableName(t) + "'"));
            }
        }
        return out;
    }

    private static void comment(String object, String comment, List<Problem> out) {
        if (bytes(comment) > MAX_COMMENT_BYTES) {
            out.add(new Problem(object, "comment is " + bytes(comment) + " bytes, at most " + MAX_COMMENT_BYTES));
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
