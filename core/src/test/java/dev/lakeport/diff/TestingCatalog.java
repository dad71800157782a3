package dev.lakeport.diff;

import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small catalog objects for tests. */
public final class TestingCatalog {
    private TestingCatalog() {}

    public static Database database(String name) {
        return Database.of(name);
    }

    public static Table table(String db, String name, String location) {
        return Table.builder(db, name)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("id", "bigint"), Column.of("name", "string")))
                        .location(location)
                        .build())
                .partitionKeys(List.of(Column.of("dt", "string")))
                .parameters(Map.of("classification", "parquet"))
                .build();
    }

    public static Partition partition(String db, String table, String value) {
        return new Partition(
                db,
                table,
                List.of(value),
                Optional.of(StorageDescriptor.builder()
                        .location("oss://bucket/" + db + "/" + table + "/dt=" + value)
                        .build()),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public static Function function(String db, String name, String className) {
        return new Function(
                db,
                name,
                className,
                Optional.of("owner"),
                Optional.of("USER"),
                Optional.of("JAVA"),
                List.of(),
                Optional.empty());
    }
}
