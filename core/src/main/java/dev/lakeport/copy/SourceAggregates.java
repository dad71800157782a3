package dev.lakeport.copy;

import dev.lakeport.copy.DestinationCounts.AggregateColumn;
import dev.lakeport.copy.DestinationCounts.ColumnStats;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-column aggregates of a partition's source rows, computed as they are read, to compare with what
 * {@link DestinationCounts} asks MaxCompute: the exact SUM of whole-number and decimal columns, MIN and MAX of those and
 * of floating-point and date columns, and the number of NULLs. Floating-point columns are not summed: a sum's last
 * digits depend on the order of the rows, so two correct engines would disagree.
 */
public final class SourceAggregates {
    private final List<AggregateColumn> columns;
    private final int[] positions;
    private final BigDecimal[] sums;
    private final Object[] mins;
    private final Object[] maxs;
    private final long[] nulls;

    /**
     * @param positions each column's index in a row, in the order of {@code columns}
     */
    public SourceAggregates(List<AggregateColumn> columns, int[] positions) {
        this.columns = List.copyOf(columns);
        this.positions = positions.clone();
        if (this.columns.size() != this.positions.length) {
            throw new IllegalArgumentException(columns.size() + " columns but " + positions.length + " positions");
        }
        int n = columns.size();
        this.sums = new BigDecimal[n];
        this.mins = new Object[n];
        this.maxs = new Object[n];
        this.nulls = new long[n];
    }

    /** The columns whose aggregates MaxCompute and the source can both give exactly, for a MaxCompute type. */
    public static Optional<AggregateColumn> of(String name, String maxComputeType) {
        String type = maxComputeType.toLowerCase(Locale.ROOT).trim();
        if (type.equals("tinyint")
                || type.equals("smallint")
                || type.equals("int")
                || type.equals("bigint")
                || type.startsWith("decimal")) {
            return Optional.of(new AggregateColumn(name, true));
        }
        if (type.equals("float") || type.equals("double") || type.equals("date")) {
            return Optional.of(new AggregateColumn(name, false));
        }
        return Optional.empty();
    }

    public void add(Object[] row) {
        for (int i = 0; i < positions.length; i++) {
            Object v = row[positions[i]];
            if (v == null) {
                nulls[i]++;
                continue;
            }
            if (columns.get(i).summed()) {
                BigDecimal d = v instanceof BigDecimal b ? b : BigDecimal.valueOf(((Number) v).longValue());
                sums[i] = sums[i] == null ? d : sums[i].add(d);
            }
            if (mins[i] == null || compare(v, mins[i]) < 0) {
                mins[i] = v;
            }
            if (maxs[i] == null || compare(v, maxs[i]) > 0) {
                maxs[i] = v;
            }
        }
    }

    /** By column name, as {@link DestinationCounts.PartitionStats#columns()} holds the destination's. */
    public Map<String, ColumnStats> result() {
        Map<String, ColumnStats> out = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            out.put(
                    columns.get(i).name(),
                    new ColumnStats(
                            Optional.ofNullable(sums[i]).map(BigDecimal::toPlainString),
                            Optional.ofNullable(mins[i]).map(SourceAggregates::text),
                            Optional.ofNullable(maxs[i]).map(SourceAggregates::text),
                            nulls[i]));
        }
        return out;
    }

    private static String text(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    /** Values of one column have one Java type (see the source reader), so they compare by their natural order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
