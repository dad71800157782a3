package dev.lakeport.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.filter.FilterBindException;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.model.Column;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void everythingIsInScopeByDefault() {
        Scope all = Scope.all();
        assertThat(all.includesDatabase("any")).isTrue();
        assertThat(all.includesTable("any", "t")).isTrue();
        assertThat(all.includesFunction("any", "f")).isTrue();
        assertThat(all.includes(ObjectKey.partition("any", "t", List.of("1")))).isTrue();
        assertThat(all.partitionFilter("any", "t")).isEmpty();
    }

    @Test
    void seedDatabasesListKeepsOnlyThoseDatabasesIgnoringCase() {
        Scope scope = Scope.builder().databases(Scope.splitList("db1,db2")).build();
        assertThat(scope.includesDatabase("db1")).isTrue();
        assertThat(scope.includesDatabase("DB2")).isTrue();
        assertThat(scope.includesDatabase("db3")).isFalse();
        assertThat(scope.includesTable("db3", "t")).isFalse();
        assertThat(scope.includesFunction("db3", "f")).isFalse();
        assertThat(scope.includes(ObjectKey.partition("db3", "t", List.of("1"))))
                .isFalse();
    }

    @Test
    void seedTablePrefixesKeepMatchingTablesButNotFunctions() {
        Scope scope =
                Scope.builder().tablePrefixes(Scope.splitList("ods_,adm_")).build();
        assertThat(scope.includesTable("db", "ods_orders")).isTrue();
        assertThat(scope.includesTable("db", "ADM_users")).isTrue();
        assertThat(scope.includesTable("db", "dwd_orders")).isFalse();
        assertThat(scope.includesTable("db", "xods_orders")).isFalse();
        assertThat(scope.includesFunction("db", "my_udf")).isTrue();
        assertThat(scope.includes(ObjectKey.partition("db", "dwd_orders", List.of("1"))))
                .isFalse();
    }

    @Test
    void seedPartitionFilterAppliesToItsTableOnly() {
        Scope scope = Scope.builder()
                .partitionFilter("Sales", "Orders", PartitionFilter.parse("dt>=20220101"))
                .build();
        assertThat(scope.partitionFilter("sales", "orders")).contains(PartitionFilter.parse("dt >= 20220101"));
        assertThat(scope.partitionFilter("sales", "other")).isEmpty();
        Table orders = Table.builder("sales", "orders")
                .partitionKeys(List.of(Column.of("dt", "string")))
                .build();
        Predicate<List<String>> p = scope.partitionPredicate(orders);
        assertThat(p.test(List.of("20220102"))).isTrue();
        assertThat(p.test(List.of("20211231"))).isFalse();
        Table other = Table.builder("sales", "other")
                .partitionKeys(List.of(Column.of("dt", "string")))
                .build();
        assertThat(scope.partitionPredicate(other).test(List.of("19990101"))).isTrue();
    }

    @Test
    void partitionFilterNamingAMissingKeyFailsWhenBound() {
        Scope scope = Scope.builder()
                .partitionFilter("sales", "orders", PartitionFilter.parse("hour = 1"))
                .build();
        Table orders = Table.builder("sales", "orders")
                .partitionKeys(List.of(Column.of("dt", "string")))
                .build();
        assertThatThrownBy(() -> scope.partitionPredicate(orders))
                .isInstanceOf(FilterBindException.class)
                .hasMessageContaining("'hour'")
                .hasMessageContaining("dt string");
    }

    @Test
    void comparePartitionFalseLeavesPartitionsOut() {
        Scope scope = Scope.builder().partitions(false).build();
        assertThat(scope.includesTable("db", "t")).isTrue();
        assertThat(scope.includes(ObjectKey.partition("db", "t", List.of("1")))).isFalse();
        Table t = Table.builder("db", "t")
                .partitionKeys(List.of(Column.of("dt", "string")))
                .build();
        assertThat(scope.partitionPredicate(t).test(List.of("1"))).isFalse();
    }

    @Test
    void databaseBlacklistWins() {
        Scope scope = Scope.builder()
                .databases(List.of("db1", "db2"))
                .excludeDatabases(List.of("DB2", "tmp_*"))
                .build();
        assertThat(scope.includesDatabase("db1")).isTrue();
        assertThat(scope.includesDatabase("db2")).isFalse();
        assertThat(Scope.builder().excludeDatabases(List.of("tmp_*")).build().includesDatabase("tmp_x"))
                .isFalse();
    }

    @Test
    void tableWhitelistTakesQualifiedAndBareEntriesWithWildcards() {
        Scope scope = Scope.builder()
                .includeTables(List.of("sales.orders", "dim_*", "ods.*_2022"))
                .build();
        assertThat(scope.includesTable("sales", "orders")).isTrue();
        assertThat(scope.includesTable("other", "orders")).isFalse();
        assertThat(scope.includesTable("any", "DIM_users")).isTrue();
        assertThat(scope.includesTable("ods", "log_2022")).isTrue();
        assertThat(scope.includesTable("ods", "log_2023")).isFalse();
        assertThat(scope.includesTable("ods2", "log_2022")).isFalse();
    }

    @Test
    void tableBlacklistWinsOverWhitelistAndPrefix() {
        Scope scope = Scope.builder()
                .tablePrefixes(List.of("ods_"))
                .includeTables(List.of("ods_*"))
                .excludeTables(List.of("*_bak", "db.ods_secret"))
                .build();
        assertThat(scope.includesTable("db", "ods_orders")).isTrue();
        assertThat(scope.includesTable("db", "ods_orders_bak")).isFalse();
        assertThat(scope.includesTable("db", "ods_secret")).isFalse();
        assertThat(scope.includesTable("db2", "ods_secret")).isTrue();
    }

    @Test
    void wildcardsDoNotTreatOtherCharactersAsPatterns() {
        Scope scope = Scope.builder().includeTables(List.of("a.b+c")).build();
        assertThat(scope.includesTable("a", "b+c")).isTrue();
        assertThat(scope.includesTable("a", "bbc")).isFalse();
    }

    @Test
    void restrictionToFailedItemsKeepsThemAndThePathToThem() {
        ObjectKey failedPartition = ObjectKey.partition("db1", "t1", List.of("2022"));
        ObjectKey failedTable = ObjectKey.table("db1", "t2");
        ObjectKey failedFunction = ObjectKey.function("db2", "f");
        Scope scope = Scope.builder()
                .restrictTo(List.of(failedPartition, failedTable, failedFunction))
                .build();
        assertThat(scope.includesDatabase("db1")).isTrue();
        assertThat(scope.includesDatabase("db2")).isTrue();
        assertThat(scope.includesDatabase("db3")).isFalse();
        assertThat(scope.includesTable("db1", "t1")).isTrue();
        assertThat(scope.includesTable("db1", "t3")).isFalse();
        assertThat(scope.includes(failedPartition)).isTrue();
        assertThat(scope.includes(ObjectKey.partition("db1", "t1", List.of("2023"))))
                .isFalse();
        // A failed table brings all its partitions.
        assertThat(scope.includes(ObjectKey.partition("db1", "t2", List.of("2023"))))
                .isTrue();
        assertThat(scope.includesFunction("db2", "f")).isTrue();
        assertThat(scope.includesFunction("db2", "g")).isFalse();
        assertThat(scope.includesTable("db2", "t")).isFalse();
        Table t1 = Table.builder("db1", "t1")
                .partitionKeys(List.of(Column.of("y", "int")))
                .build();
        assertThat(scope.partitionPredicate(t1).test(List.of("2022"))).isTrue();
        assertThat(scope.partitionPredicate(t1).test(List.of("2023"))).isFalse();
    }

    @Test
    void restrictionStillObeysTheOtherFilters() {
        Scope scope = Scope.builder()
                .excludeDatabases(List.of("db1"))
                .restrictTo(List.of(ObjectKey.table("db1", "t")))
                .build();
        assertThat(scope.includes(ObjectKey.table("db1", "t"))).isFalse();
    }

    @Test
    void restrictingToADatabaseKeepsEverythingInIt() {
        Scope scope =
                Scope.builder().restrictTo(List.of(ObjectKey.database("db"))).build();
        assertThat(scope.includesTable("db", "t")).isTrue();
        assertThat(scope.includesFunction("db", "f")).isTrue();
        assertThat(scope.includes(ObjectKey.partition("db", "t", List.of("x")))).isTrue();
        assertThat(scope.includesDatabase("other")).isFalse();
    }

    @Test
    void splitListTrimsAndDropsEmptyEntries() {
        assertThat(Scope.splitList(" db1, db2,,")).containsExactly("db1", "db2");
        assertThat(Scope.splitList("")).isEmpty();
    }
}
