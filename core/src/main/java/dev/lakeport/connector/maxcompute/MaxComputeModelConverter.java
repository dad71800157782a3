package dev.lakeport.connector.maxcompute;

import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.TableSchema;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MaxCompute's objects in Lakeport's model: a database per project or schema (its comment, nothing else), a table
 * with only its columns, partition keys, comment, lifecycle and type (a view: its columns' names and comments and its
 * query), a partition with only its values.
 */
final class MaxComputeModelConverter {
    private MaxComputeModelConverter() {}

    static Database database(Namespace namespace, String comment) {
        return new Database(namespace.toString(), blankToEmpty(comment), Optional.empty(), Map.of(), Optional.empty());
    }

    static Table table(Namespace namespace, com.aliyun.odps.Table t) {
        TableSchema schema = t.getSchema();
        if (t.isVirtualView()) {
            // As MaxComputeStoredForm keeps a view: the columns' types are MaxCompute's, derived from the query.
            return Table.builder(namespace.toString(), t.getName())
                    .description(blankToEmpty(t.getComment()).orElse(null))
                    .storageDescriptor(StorageDescriptor.builder()
                            .columns(columns(schema.getColumns()).stream()
                                    .map(c -> new Column(c.name(), "", c.comment(), Map.of()))
                                    .toList())
                            .build())
                    .tableType("VIRTUAL_VIEW")
                    .viewExpandedText(blankToEmpty(t.getViewText())
                            .map(MaxComputeStoredForm::viewText)
                            .orElse(null))
                    .build();
        }
        String type = t.getType() == null ? "MANAGED_TABLE" : t.getType().name();
        long life = t.getLife();
        return Table.builder(namespace.toString(), t.getName())
                .description(blankToEmpty(t.getComment()).orElse(null))
                .retention(life > 0 && life <= Integer.MAX_VALUE ? (int) life : 0)
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(columns(schema.getColumns()))
                        .build())
                .partitionKeys(columns(schema.getPartitionColumns()))
                .tableType(type)
                .build();
    }

    static Partition partition(Namespace namespace, Table table, PartitionSpec spec) {
        return partition(namespace.toString(), table.name(), values(table, spec));
    }

    static Partition partition(String database, String table, List<String> values) {
        return new Partition(
                database,
                table,
                values,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** The spec's values in the table's key order. */
    static List<String> values(Table table, PartitionSpec spec) {
        List<String> values = new ArrayList<>(table.partitionKeys().size());
        for (Column key : table.partitionKeys()) {
            String v = spec.get(key.name());
            if (v == null) {
                v = spec.get(key.name().toLowerCase(java.util.Locale.ROOT));
            }
            values.add(v == null ? "" : v);
        }
        return values;
    }

    private static List<Column> columns(List<com.aliyun.odps.Column> columns) {
        List<Column> out = new ArrayList<>(columns.size());
        for (com.aliyun.odps.Column c : columns) {
            out.add(new Column(
                    c.getName(),
                    MaxComputeSql.type(c.getTypeInfo().getTypeName()),
                    blankToEmpty(c.getComment()),
                    Map.of()));
        }
        return out;
    }

    static Optional<String> blankToEmpty(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
