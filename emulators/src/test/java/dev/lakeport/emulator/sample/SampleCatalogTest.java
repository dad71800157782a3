package dev.lakeport.emulator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.emulator.glue.GlueStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleCatalogTest {
    private static final SampleCatalog.Options SMALL = new SampleCatalog.Options(7L, 2_000, "eu-central-1");

    @Test
    void sameOptionsGiveTheSameCatalogObjectForObject() {
        GlueStore first = new GlueStore();
        GlueStore second = new GlueStore();
        SampleCatalog.generate(first, SMALL);
        SampleCatalog.generate(second, SMALL);

        assertThat(dump(second)).isEqualTo(dump(first));
    }

    @Test
    void anotherSeedGivesAnotherCatalog() {
        GlueStore first = new GlueStore();
        GlueStore second = new GlueStore();
        SampleCatalog.generate(first, SMALL);
        SampleCatalog.generate(second, new SampleCatalog.Options(8L, 2_000, "eu-central-1"));

        assertThat(dump(second)).isNotEqualTo(dump(first));
    }

    @Test
    void countsAreAsPromised() {
        GlueStore store = new GlueStore();
        SampleCatalog.Summary summary = SampleCatalog.generate(store, SampleCatalog.Options.defaults());

        assertThat(summary.databases()).isEqualTo(store.databaseCount()).isGreaterThanOrEqualTo(4);
        assertThat(summary.tables()).isEqualTo((int) store.tableCount()).isGreaterThanOrEqualTo(24);
        assertThat(summary.partitions()).isEqualTo(store.partitionCount()).isEqualTo(10_000);
        assertThat(summary.functions()).isEqualTo((int) store.functionCount()).isGreaterThanOrEqualTo(4);
        assertThat(summary.views()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDataRootTakesEveryLocationAndGivesOrdersNullRegions() {
        String root = "file:/home/me/sample data/";
        GlueStore store = new GlueStore();
        SampleCatalog.generate(store, SMALL.withDataRoot(root));

        List<String> locations = new ArrayList<>();
        List<String> nullRegions = new ArrayList<>();
        for (String db : store.databaseNames()) {
            JsonNode database = store.getDatabase(db).orElseThrow();
            if (database.has("LocationUri")) {
                locations.add(database.get("LocationUri").textValue());
            }
            for (String table : store.tableNames(db)) {
                JsonNode sd = store.getTable(db, table).orElseThrow().path("StorageDescriptor");
                if (sd.has("Location")) {
                    locations.add(sd.get("Location").textValue());
                }
                store.forEachPartition(db, table, p -> {
                    locations.add(p.path("StorageDescriptor").path("Location").textValue());
                    if (p.get("Values").toString().contains(SampleCatalog.DEFAULT_PARTITION)) {
                        nullRegions.add(db + "." + table + " " + p.get("Values"));
                    }
                });
            }
        }
        assertThat(locations).hasSizeGreaterThan(2_000).allSatisfy(l -> assertThat(l)
                .startsWith(root));
        assertThat(nullRegions).isNotEmpty().allSatisfy(p -> assertThat(p)
                .startsWith("sales.orders [\"")
                .endsWith(",\"" + SampleCatalog.DEFAULT_PARTITION + "\"]"));
        // The functions' JARs stay where they were: they are no data.
        assertThat(store.getFunction("sales", "mask_email").orElseThrow().toString())
                .contains("s3://lakeport-sample-eu-central-1/jars/");

        // Without a data root: the object store, and no null regions.
        GlueStore plain = new GlueStore();
        SampleCatalog.generate(plain, SMALL);
        assertThat(String.join("\n", dump(plain)))
                .doesNotContain("file:")
                .doesNotContain(SampleCatalog.DEFAULT_PARTITION);
    }

    @Test
    void partitionKnobSetsTheTotal() {
        GlueStore store = new GlueStore();
        SampleCatalog.generate(store, SMALL.withPartitions(12_345));

        assertThat(store.partitionCount()).isEqualTo(12_345);
        // Partitions share their table's storage descriptors instead of carrying one each.
        assertThat(store.sharedDescriptorCount()).isLessThan(60);
    }

    @Test
    void everyFormatAndFeatureIsPresent() {
        GlueStore store = new GlueStore();
        SampleCatalog.generate(store, SampleCatalog.Options.defaults());
        List<JsonNode> tables = new ArrayList<>();
        for (String db : store.databaseNames()) {
            for (String name : store.tableNames(db)) {
                tables.add(store.getTable(db, name).orElseThrow());
            }
        }
        Set<String> serdes = new HashSet<>();
        Set<String> inputFormats = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (JsonNode t : tables) {
            JsonNode sd = t.path("StorageDescriptor");
            serdes.add(sd.path("SerdeInfo").path("SerializationLibrary").asText());
            inputFormats.add(sd.path("InputFormat").asText());
            sd.path("Columns").forEach(c -> types.add(c.path("Type").asText()));
            t.path("PartitionKeys")
                    .forEach(c -> types.add("key:" + c.path("Type").asText()));
        }
        assertThat(serdes)
                .contains(
                        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                        "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
                        "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                        "org.apache.hadoop.hive.serde2.OpenCSVSerde",
                        "org.openx.data.jsonserde.JsonSerDe",
                        "org.apache.hadoop.hive.serde2.avro.AvroSerDe");
        assertThat(inputFormats).contains("org.apache.hudi.hadoop.HoodieParquetInputFormat");
        assertThat(types)
                .contains("decimal(38,18)", "map<string,int>", "timestamp", "date", "key:string", "key:int")
                .anyMatch(type -> type.startsWith("array<struct<"));

        assertThat(tables)
                .anyMatch(t -> t.path("Parameters").path("table_type").asText().equals("ICEBERG")
                        && t.path("Parameters")
                                .path("metadata_location")
                                .asText()
                                .startsWith("s3://"));
        assertThat(tables).anyMatch(t -> t.path("Parameters")
                .path("spark.sql.sources.provider")
                .asText()
                .equals("delta"));
        assertThat(tables.stream().filter(t -> t.path("TableType").asText().equals("VIRTUAL_VIEW")))
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(t -> !t.path("ViewOriginalText").asText().isEmpty() && t.has("ViewExpandedText"));
        assertThat(tables)
                .anyMatch(t -> t.path("StorageDescriptor")
                                        .path("NumberOfBuckets")
                                        .asInt()
                                > 0
                        && t.path("StorageDescriptor").path("SortColumns").size() > 0);
        assertThat(tables)
                .anyMatch(t -> t.path("StorageDescriptor")
                                .path("SkewedInfo")
                                .path("SkewedColumnNames")
                                .size()
                        > 0);
        assertThat(tables).anyMatch(t -> t.path("StorageDescriptor")
                .path("SerdeInfo")
                .path("Parameters")
                .has("field.delim"));
        assertThat(tables).anyMatch(t -> t.path("StorageDescriptor")
                .path("SerdeInfo")
                .path("Parameters")
                .has("avro.schema.literal"));
        assertThat(tables)
                .allMatch(t -> t.has("Description")
                        && t.has("Owner")
                        && t.path("Parameters").has("comment"));
        assertThat(tables)
                .anyMatch(t -> t.path("Parameters").path("EXTERNAL").asText().equals("TRUE")
                        && t.path("Parameters").has("classification"));

        assertThat(store.databaseNames())
                .contains("sales", "web_logs", "finance", "ml_features")
                .anyMatch(db -> store.getDatabase(db).orElseThrow().get("LocationUri") == null);
        assertThat(store.getDatabase("sales").orElseThrow().get("LocationUri").asText())
                .isEqualTo("s3://lakeport-sample-us-east-1/sales/");

        List<JsonNode> functions = new ArrayList<>();
        for (String db : store.databaseNames()) {
            for (String name : store.functionNames(db)) {
                functions.add(store.getFunction(db, name).orElseThrow());
            }
        }
        assertThat(functions).anyMatch(f -> f.path("FunctionType").asText().equals("AGGREGATE_FUNCTION"));
        assertThat(functions)
                .allMatch(f -> f.path("ResourceUris").size() > 0
                        && f.path("ResourceUris")
                                .get(0)
                                .path("ResourceType")
                                .asText()
                                .equals("JAR")
                        && f.path("ResourceUris").get(0).path("Uri").asText().startsWith("s3://"));
    }

    @Test
    void partitionsSitUnderTheirTableWithTypedKeys() {
        GlueStore store = new GlueStore();
        SampleCatalog.generate(store, SMALL);

        ObjectNode partition = store.getPartition("web_logs", "clicks", List.of("20200101", "0", "apac"))
                .orElseThrow();
        assertThat(partition.path("StorageDescriptor").path("Location").asText())
                .isEqualTo("s3://lakeport-sample-eu-central-1/web_logs/clicks/dt=20200101/hr=0/region=apac/");
        assertThat(partition.path("StorageDescriptor").path("Columns").size()).isGreaterThan(0);
        assertThat(partition.path("Parameters").has("numFiles")).isTrue();
        assertThat(partition.path("CreationTime").isNumber()).isTrue();
    }

    /** Every object of the store as wire JSON text, in a stable order. */
    private static List<String> dump(GlueStore store) {
        List<String> out = new ArrayList<>();
        for (String db : store.databaseNames()) {
            out.add(store.getDatabase(db).orElseThrow().toString());
            for (String table : store.tableNames(db)) {
                JsonNode t = store.getTable(db, table).orElseThrow();
                out.add(t.toString());
                out.add(db + "." + table + " partitions=" + store.partitionCount(db, table));
            }
            for (String function : store.functionNames(db)) {
                out.add(store.getFunction(db, function).orElseThrow().toString());
            }
        }
        for (String db : store.databaseNames()) {
            for (String table : store.tableNames(db)) {
                store.forEachPartition(db, table, p -> out.add(p.toString()));
            }
        }
        return out;
    }
}
