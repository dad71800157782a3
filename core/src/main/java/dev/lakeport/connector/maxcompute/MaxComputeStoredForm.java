package dev.lakeport.connector.maxcompute;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An object as MaxCompute keeps it once written, its names in lower case (MaxCompute's names are case-insensitive
 * and kept so): a database is only its name (and, for a schema, its comment: a
 * project's comment belongs to the console), a table only its columns, partition keys, comment, lifecycle and type
 * (types lower-case without spaces), a partition only its values. Locations, formats, SerDe, parameters, owners,
 * times and view texts are dropped.
 */
final class MaxComputeStoredForm implements UnaryOperator<CatalogObject> {

    @Override
    public CatalogObject apply(CatalogObject object) {
        if (object instanceof Database d) {
            boolean schema = d.name().contains(".");
            return new Database(
                    lower(d.name()),
                    schema ? d.description().filter(x -> !x.isEmpty()) : Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    Optional.empty());
        }
        if (object instanceof Table t) {
            return table(t);
        }
        if (object instanceof Partition p) {
            return MaxComputeModelConverter.partition(lower(p.databaseName()), lower(p.tableName()), p.values());
        }
        return object;
    }

    private static Table table(Table t) {
        List<Column> columns =
                t.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        return Table.builder(lower(t.databaseName()), lower(t.name()))
                .description(t.description().filter(d -> !d.isEmpty()).orElse(null))
                .retention(Math.max(0, t.retention()))
                .storageDescriptor(
                        StorageDescriptor.builder().columns(columns(columns)).build())
                .partitionKeys(columns(t.partitionKeys()))
                .tableType(t.isView() ? "VIRTUAL_VIEW" : tableType(t))
                .build();
    }

    private static String tableType(Table t) {
        String type = t.tableType().orElse("MANAGED_TABLE");
        // What Lakeport creates is a managed table whatever the source called it.
        return type.equals("VIRTUAL_VIEW") || type.equals("MATERIALIZED_VIEW") ? type : "MANAGED_TABLE";
    }

    private static List<Column> columns(List<Column> columns) {
        return columns.stream()
                .map(c -> new Column(
                        lower(c.name()),
                        MaxComputeSql.type(c.type()),
                        c.comment().filter(x -> !x.isEmpty()),
                        Map.of()))
                .toList();
    }

    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
