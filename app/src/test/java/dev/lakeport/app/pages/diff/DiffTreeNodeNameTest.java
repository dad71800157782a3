package dev.lakeport.app.pages.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.model.Column;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Diff tree names a partition as the result log and the reports do: Hive's escaped key=value form. */
class DiffTreeNodeNameTest {

    @Test
    void aPartitionRowShowsTheNameTheResultLogWrites() {
        Table table = Table.builder("sales", "orders")
                .partitionKeys(List.of(Column.of("region", "string"), Column.of("kv", "string")))
                .build();
        ObjectKey key = ObjectKey.partition("sales", "orders", List.of("cn-north/1", "a=b 100% \"华北\""));
        ItemNames names = ItemNames.of(List.of(table));

        DiffTreeNode node =
                DiffTreeNode.entry(new StoredDiffEntry(DiffEntry.of(key, DiffResult.CREATE), true), null, names);

        String logged = ResultRecord.of(
                        key,
                        names,
                        dev.lakeport.diff.DiffWords.SEED,
                        DiffResult.CREATE,
                        Outcome.SUCCEEDED,
                        "",
                        Instant.EPOCH,
                        1)
                .itemName();
        assertThat(node.itemName())
                .isEqualTo(logged)
                .isEqualTo("sales.orders/region=cn-north%2F1/kv=a%3Db 100%25 %22华北%22");
        assertThat(node.name()).isEqualTo("region=cn-north%2F1/kv=a%3Db 100%25 %22华北%22");
        assertThat(logged).endsWith("/" + node.name());
    }
}
