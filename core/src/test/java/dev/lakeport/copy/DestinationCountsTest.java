package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.copy.DestinationCounts.AggregateColumn;
import dev.lakeport.copy.DestinationCounts.Query;
import dev.lakeport.copy.DestinationCounts.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DestinationCountsTest {
    @Test
    void aTaskIsCountedByOneGroupedQueryWithOneInListPerKey() {
        Task task = new Task(
                "p1",
                "sales",
                List.of("ds", "hh"),
                List.of(
                        List.of("2024-01-01", "01"),
                        List.of("2024-01-01", "02"),
                        List.of("__HIVE_DEFAULT_PARTITION__", "01")),
                List.of());

        List<Query> queries = DestinationCounts.queries(task);

        assertThat(queries)
                .extracting(Query::sql)
                .containsExactly("SELECT ds, hh, COUNT(*) FROM p1.sales"
                        + " WHERE ds IN ('2024-01-01', '__HIVE_DEFAULT_PARTITION__') AND hh IN ('01', '02')"
                        + " GROUP BY ds, hh;");
        assertThat(queries.get(0).partitions()).hasSize(3);
    }

    @Test
    void moreThan256ConditionsAreSplitIntoSeveralQueriesCoveringEveryPartitionOnce() {
        List<List<String>> partitions = new ArrayList<>();
        for (int day = 0; day < 300; day++) {
            for (int hour = 0; hour < 3; hour++) {
                partitions.add(List.of(String.format("d%03d", day), "h" + hour));
            }
        }
        Task task = new Task("p1", "events", List.of("ds", "hh"), partitions, List.of());

        List<Query> queries = DestinationCounts.queries(task);

        assertThat(queries).hasSizeGreaterThan(1);
        Pattern literal = Pattern.compile("'[^']*'");
        List<List<String>> covered = new ArrayList<>();
        for (Query query : queries) {
            Matcher m = literal.matcher(query.sql());
            int conditions = 0;
            while (m.find()) {
                conditions++;
            }
            assertThat(conditions).as(query.sql()).isLessThanOrEqualTo(DestinationCounts.MAX_CONDITIONS);
            assertThat(query.sql()).doesNotContain(" OR ");
            covered.addAll(query.partitions());
        }
        assertThat(covered).containsExactlyElementsOf(partitions);
    }

    @Test
    void aggregatesAreAskedPerColumnAndOddNamesAndValuesAreQuoted() {
        Task task = new Task(
                "p1",
                "t",
                List.of("region"),
                List.of(List.of("it's")),
                List.of(new AggregateColumn("amount", true), new AggregateColumn("day of", false)));

        assertThat(DestinationCounts.queries(task))
                .extracting(Query::sql)
                .containsExactly("SELECT region, COUNT(*), SUM(amount), MIN(amount), MAX(amount),"
                        + " COUNT(*) - COUNT(amount), MIN(`day of`), MAX(`day of`), COUNT(*) - COUNT(`day of`)"
                        + " FROM p1.t WHERE region = 'it\\'s' GROUP BY region;");
    }

    @Test
    void aWholeTableIsCountedWithoutAWhereClause() {
        assertThat(DestinationCounts.queries(new Task("p1", "plain", List.of(), List.of(), List.of())))
                .extracting(Query::sql)
                .containsExactly("SELECT COUNT(*) FROM p1.plain;");
        assertThat(DestinationCounts.queries(new Task("p1", "all", List.of("ds"), List.of(), List.of())))
                .extracting(Query::sql)
                .containsExactly("SELECT ds, COUNT(*) FROM p1.all GROUP BY ds;");
    }

    @Test
    void aTableInASchemaIsNamedWithThreePartsAndTheSchemaSyntaxIsSetOnlyThen() {
        Task inSchema = Task.of(
                TunnelTarget.inDatabase("layered.sales", "orders", List.of("ds"), List.of("1")),
                List.of(List.of("1"), List.of("2")),
                List.of());
        Task twoLayer = new Task("p1", "orders", List.of("ds"), List.of(List.of("1")), List.of());

        assertThat(DestinationCounts.queries(inSchema))
                .extracting(Query::sql)
                .containsExactly("SELECT ds, COUNT(*) FROM layered.sales.orders WHERE ds IN ('1', '2') GROUP BY ds;");
        assertThat(DestinationCounts.hints(inSchema))
                .containsEntry("odps.namespace.schema", "true")
                .doesNotContainKey("odps.sql.allow.fullscan");
        // Off, whatever the tenant's default: with it on, p1.orders would be read as schema p1, table orders.
        assertThat(DestinationCounts.hints(twoLayer)).containsEntry("odps.namespace.schema", "false");
        assertThat(DestinationCounts.queries(new Task("p", "odd-schema", "t", List.of(), List.of(), List.of())))
                .extracting(Query::sql)
                .containsExactly("SELECT COUNT(*) FROM p.`odd-schema`.t;");
    }
}
