package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The files a copy outside the project reads and writes: what they carry, and how a wrong one is refused. */
class CopyPlanTest {
    private static CopyPlan.Task task(long id, List<String> keys, List<CopyPlan.Part> parts) {
        return new CopyPlan.Task(
                id,
                new CopyPlan.SourceTable(
                        "sales",
                        "orders",
                        new CopyPlan.Storage(
                                "s3://bucket/orders",
                                "org.apache.hadoop.mapred.TextInputFormat",
                                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                                Map.of("field.delim", "|")),
                        List.of(new CopyPlan.Column("id", "bigint"), new CopyPlan.Column("note", "string")),
                        keys.stream().map(k -> new CopyPlan.Column(k, "string")).toList(),
                        Map.of("skip.header.line.count", "1")),
                new CopyPlan.Destination("lake", "orders", keys, 2),
                parts);
    }

    @Test
    void aPlanReadsBackAsWrittenWithEachPartitionsOwnStorage() {
        CopyPlan plan = CopyPlan.of(
                7,
                List.of(task(
                        3,
                        List.of("ds"),
                        List.of(new CopyPlan.Part(
                                List.of("__HIVE_DEFAULT_PARTITION__"),
                                "ds=__HIVE_DEFAULT_PARTITION__",
                                new CopyPlan.Storage(
                                        "s3://bucket/orders/ds=__HIVE_DEFAULT_PARTITION__", null, null, Map.of()))))));

        CopyPlan read = CopyPlan.fromJson(plan.toJson(), "plan.json");

        assertThat(read).isEqualTo(plan);
        assertThat(read.tasks().get(0).destination().target(List.of("__HIVE_DEFAULT_PARTITION__")))
                .isEqualTo(new TunnelTarget("lake", "orders", List.of("ds"), List.of("__HIVE_DEFAULT_PARTITION__")));
        assertThat(new CopyPlan.Destination("lake.sales", "orders", List.of("ds"), 2).target(List.of("x")))
                .as("a project with schemas: the table is written in its schema")
                .isEqualTo(new TunnelTarget("lake", "sales", "orders", List.of("ds"), List.of("x")));
        assertThat(plan.toJson()).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("accessKey");
    }

    @Test
    void aDestinationPartitionFoldsItsSourcePartitionsEachWithItsOwnStorage() {
        CopyPlan.Task folded = new CopyPlan.Task(
                4,
                new CopyPlan.SourceTable(
                        "sales",
                        "events",
                        null,
                        List.of(new CopyPlan.Column("id", "bigint")),
                        List.of(new CopyPlan.Column("ds", "string"), new CopyPlan.Column("hh", "int")),
                        Map.of()),
                new CopyPlan.Destination("lake", "events", List.of("ds"), 2),
                List.of(new CopyPlan.Part(
                        List.of("a"),
                        "ds=a",
                        null,
                        List.of(
                                new CopyPlan.Folded(
                                        List.of("a", "1"),
                                        new CopyPlan.Storage("file:/e/ds=a/hh=1", null, null, Map.of())),
                                new CopyPlan.Folded(
                                        List.of("a", "__HIVE_DEFAULT_PARTITION__"),
                                        new CopyPlan.Storage(
                                                "file:/e/ds=a/hh=__HIVE_DEFAULT_PARTITION__",
                                                null,
                                                null,
                                                Map.of()))))));
        CopyPlan plan = CopyPlan.of(8, List.of(folded));

        CopyPlan read = CopyPlan.fromJson(plan.toJson(), "plan.json");

        assertThat(read).isEqualTo(plan);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.tasks().get(0).parts().get(0).sources())
                .extracting(p -> p.values(), p -> p.storage().location())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(List.of("a", "1"), "file:/e/ds=a/hh=1"),
                        org.assertj.core.groups.Tuple.tuple(
                                List.of("a", "__HIVE_DEFAULT_PARTITION__"),
                                "file:/e/ds=a/hh=__HIVE_DEFAULT_PARTITION__"));

        CopyPlan.Task wrong = new CopyPlan.Task(
                4,
                folded.source(),
                folded.destination(),
                List.of(
                        new CopyPlan.Part(
                                List.of("a"), "ds=a", null, List.of(new CopyPlan.Folded(List.of("b", "1"), null))),
                        new CopyPlan.Part(List.of("c"), "ds=c", null)));
        assertThatThrownBy(
                        () -> CopyPlan.fromJson(CopyPlan.of(8, List.of(wrong)).toJson(), "plan.json"))
                .hasMessageContaining("task 4: partition ds=a folds source partition [b, 1], which does not go into it")
                .hasMessageContaining("task 4: partition ds=c names no source partitions folded into it");
    }

    @Test
    void aPlanThatDoesNotHoldTogetherIsRefusedNamingTheTaskAndWhat() {
        CopyPlan wrong = CopyPlan.of(
                7,
                List.of(task(
                        3,
                        List.of("ds"),
                        List.of(
                                new CopyPlan.Part(List.of("a", "b"), "ds=a/b", null),
                                new CopyPlan.Part(List.of("c"), "ds=c", null),
                                new CopyPlan.Part(List.of("c"), "ds=c", null)))));
        String json = wrong.toJson().replace("\"version\" : 2", "\"version\" : 9");

        assertThatThrownBy(() -> CopyPlan.fromJson(json, "plan.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plan.json")
                .hasMessageContaining("version 9")
                .hasMessageContaining("task 3: partition ds=a/b has values [a, b] for keys [ds]")
                .hasMessageContaining("task 3: partition ds=c appears twice");
        assertThatThrownBy(() -> CopyPlan.fromJson("{not json", "plan.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the copy plan plan.json cannot be read");
    }

    @Test
    void aResultCarriesTheThreeCountsAndTheMismatchesAsTheProjectKeepsThem() {
        Verification verification = Verification.of(List.of(
                PartitionCounts.of("lake.orders", "ds=1", 3, 3, 3),
                new PartitionCounts(
                        "lake.orders", "ds=2", OptionalLong.of(4), OptionalLong.of(4), OptionalLong.of(2))));
        CopyResult result = CopyResult.of(
                7,
                "run-1",
                List.of(new CopyResult.TaskResult(
                        3,
                        "lake",
                        "lake.orders",
                        CopyResult.FAILED,
                        null,
                        "the counts of 1 partition disagree",
                        CopyResult.TaskResult.partitions(verification),
                        List.of("data: 7 rows written"))));

        CopyResult read = CopyResult.fromJson(result.toJson(), "result.json");

        assertThat(read).isEqualTo(result);
        Verification back = read.tasks().get(0).verification();
        assertThat(back.counts()).isEqualTo(verification.counts());
        assertThat(back.mismatches()).isEqualTo(verification.mismatches());
        assertThat(back.passed()).isFalse();
    }
}
