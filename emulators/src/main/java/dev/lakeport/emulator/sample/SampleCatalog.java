package dev.lakeport.emulator.sample;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.emulator.glue.GlueStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeds a {@link GlueStore} with a realistic, deterministic data-lake catalog: the same {@link Options} always give
 * the same catalog, object for object, times included.
 *
 * <p>It contains five databases: {@code sales}, {@code web_logs}, {@code finance}, {@code ml_features} (located under
 * {@code s3://lakeport-sample-<region>/<db>/}) and {@code staging} (no location). Their 27 tables cover
 *
 * <ul>
 *   <li>formats: Parquet, ORC, CSV (LazySimpleSerDe with {@code field.delim}, and OpenCSVSerde), JSON (openx
 *       JsonSerDe), Avro (AvroSerDe with {@code avro.schema.literal}), an Iceberg table ({@code table_type=ICEBERG},
 *       {@code metadata_location}), a Hudi and a Delta table;
 *   <li>Hive types: decimal(38,18), array&lt;struct&lt;...&gt;&gt;, map&lt;string,int&gt;, timestamp, date and the
 *       primitives;
 *   <li>partition keys of string and int types ({@code dt} 'yyyyMMdd', {@code hr} int, {@code region},
 *       {@code year}/{@code month} int ...);
 *   <li>Description, Owner and Parameters (classification, comment, EXTERNAL); bucketed and sorted tables; a skewed
 *       table; three views (VIRTUAL_VIEW, one Hive-style and two Athena-style texts);
 * </ul>
 *
 * and six functions with JAR resource URIs, one an AGGREGATE_FUNCTION. {@link Options#partitions()} partitions are
 * spread over the partitioned tables by fixed weights; a few partitions per table use an older schema (a second
 * storage descriptor) or a location outside the table's directory, as real lakes do.
 */
public final class SampleCatalog {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** 2024-01-01T00:00:00Z: every time in the catalog is derived from it and the seed, never from the clock. */
    private static final long EPOCH_MILLIS = 1_704_067_200_000L;

    private static final int BATCH = 8192;

    /**
     * What to generate. {@code dataRoot}, when set (a URI ending in {@code /}, e.g. {@code file:/home/me/sample-data/}),
     * takes the place of the object-store buckets in every database, table and partition location, so that the
     * tables can have data files on this computer; and one partition of {@code sales.orders} in every 200 has a null
     * region ({@code __HIVE_DEFAULT_PARTITION__}), as Hive writes rows whose partition key is null. Without it the
     * catalog is metadata only, under {@code s3://lakeport-sample-<region>/}.
     */
    public record Options(long seed, int partitions, String region, String dataRoot) {
        public Options {
            requireNonNull(region, "region is null");
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must not be negative, got " + partitions);
            }
            if (region.isBlank()) {
                throw new IllegalArgumentException("region is blank");
            }
            if (dataRoot != null && !dataRoot.endsWith("/")) {
                throw new IllegalArgumentException("dataRoot must end with '/', got '" + dataRoot + "'");
            }
        }

        /** Metadata only: locations in the sample's S3 buckets. */
        public Options(long seed, int partitions, String region) {
            this(seed, partitions, region, null);
        }

        /** Seed 42, 10,000 partitions, us-east-1. */
        public static Options defaults() {
            return new Options(42L, 10_000, "us-east-1");
        }

        public Options withPartitions(int count) {
            return new Options(seed, count, region, dataRoot);
        }

        /** The same catalog with its locations under {@code root}, a directory URI ending in {@code /}. */
        public Options withDataRoot(String root) {
            return new Options(seed, partitions, region, requireNonNull(root, "root is null"));
        }
    }

    /** The partition value Hive gives a null partition key. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    /** What was generated: counts per kind and the number of tables per storage format. */
    public record Summary(
            int databases, int tables, int views, long partitions, int functions, Map<String, Integer> tablesByFormat) {
        public Summary {
            tablesByFormat = Map.copyOf(requireNonNull(tablesByFormat, "tablesByFormat is null"));
        }
    }

    private SampleCatalog() {}

    /** Adds the sample catalog to {@code store} (objects of the same names are replaced). */
    public static Summary generate(GlueStore store, Options options) {
        requireNonNull(store, "store is null");
        requireNonNull(options, "options is null");
        return new Generator(store, options).run();
    }

    // ------------------------------------------------------------------ formats

    enum Format {
        PARQUET(
                "parquet",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
        ORC(
                "orc",
                "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcSerde"),
        CSV(
                "csv",
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
        OPEN_CSV(
                "csv",
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "org.apache.hadoop.hive.serde2.OpenCSVSerde"),
        JSON(
                "json",
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "org.openx.data.jsonserde.JsonSerDe"),
        AVRO(
                "avro",
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                "org.apache.hadoop.hive.serde2.avro.AvroSerDe"),
        ICEBERG("iceberg", null, null, null),
        HUDI(
                "hudi",
                "org.apache.hudi.hadoop.HoodieParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
        DELTA(
                "delta",
                "org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
        VIEW("view", null, null, null);

        final String classification;
        final String inputFormat;
        final String outputFormat;
        final String serde;

        Format(String classification, String inputFormat, String outputFormat, String serde) {
            this.classification = classification;
            this.inputFormat = inputFormat;
            this.outputFormat = outputFormat;
            this.serde = serde;
        }
    }

    /** One table of the sample: name, format, columns ("name type" pairs), partition keys and a weight of partitions. */
    private record Spec(
            String database, String name, Format format, String[] columns, String[] keys, int weight, String comment) {}

    private static String[] cols(String... nameTypePairs) {
        return nameTypePairs;
    }

    private static final String ITEMS = "array<struct<sku:string,quantity:int,unit_price:decimal(38,18)>>";

    private static final List<Spec> TABLES = List.of(
            new Spec(
                    "sales",
                    "orders",
                    Format.PARQUET,
                    cols(
                            "order_id bigint",
                            "customer_id bigint",
                            "order_ts timestamp",
                            "order_date date",
                            "amount decimal(38,18)",
                            "currency string",
                            "items " + ITEMS,
                            "status string"),
                    cols("dt string", "region string"),
                    12,
                    "One row per customer order"),
            new Spec(
                    "sales",
                    "order_items",
                    Format.ORC,
                    cols("order_id bigint", "line_no int", "sku string", "quantity int", "unit_price decimal(38,18)"),
                    cols("dt string"),
                    6,
                    "Order lines, bucketed by order"),
            new Spec(
                    "sales",
                    "customers",
                    Format.PARQUET,
                    cols(
                            "customer_id bigint",
                            "name string",
                            "email string",
                            "signup_date date",
                            "attributes map<string,string>",
                            "lifetime_value decimal(38,18)"),
                    cols(),
                    0,
                    "Customer master data, bucketed and sorted by id"),
            new Spec(
                    "sales",
                    "products",
                    Format.AVRO,
                    cols("sku string", "title string", "price double", "tags array<string>"),
                    cols(),
                    0,
                    "Product catalogue exported from the shop system"),
            new Spec(
                    "sales",
                    "returns",
                    Format.CSV,
                    cols("return_id bigint", "order_id bigint", "reason string", "refund decimal(10,2)"),
                    cols("dt string"),
                    3,
                    "Returned orders, comma separated"),
            new Spec(
                    "sales",
                    "store_sales",
                    Format.ORC,
                    cols("store_id int", "sku string", "quantity int", "revenue decimal(38,18)", "sold_at timestamp"),
                    cols("dt string"),
                    5,
                    "Point-of-sale lines, skewed on the flagship store"),
            new Spec(
                    "sales",
                    "daily_revenue_v",
                    Format.VIEW,
                    cols("dt string", "region string", "revenue decimal(38,18)"),
                    cols(),
                    0,
                    "Revenue per day and region"),
            new Spec(
                    "sales",
                    "orders_iceberg",
                    Format.ICEBERG,
                    cols("order_id bigint", "order_ts timestamp", "amount decimal(38,18)", "status string"),
                    cols(),
                    0,
                    "Orders in Iceberg format"),
            new Spec(
                    "web_logs",
                    "page_views",
                    Format.JSON,
                    cols(
                            "view_id string",
                            "user_id bigint",
                            "url string",
                            "referrer string",
                            "ts timestamp",
                            "headers map<string,string>"),
                    cols("dt string", "hr int"),
                    14,
                    "Page views as JSON lines"),
            new Spec(
                    "web_logs",
                    "clicks",
                    Format.PARQUET,
                    cols(
                            "click_id string",
                            "user_id bigint",
                            "element string",
                            "ts timestamp",
                            "counters map<string,int>"),
                    cols("dt string", "hr int", "region string"),
                    16,
                    "Clicks per page element"),
            new Spec(
                    "web_logs",
                    "sessions",
                    Format.ORC,
                    cols(
                            "session_id string",
                            "user_id bigint",
                            "started_at timestamp",
                            "duration_s int",
                            "pages array<string>"),
                    cols("dt string"),
                    4,
                    "Reconstructed user sessions"),
            new Spec(
                    "web_logs",
                    "raw_access_logs",
                    Format.CSV,
                    cols("host string", "ident string", "ts string", "request string", "status int", "bytes bigint"),
                    cols("dt string", "hr int"),
                    10,
                    "Tab separated access logs"),
            new Spec(
                    "web_logs",
                    "user_agents",
                    Format.OPEN_CSV,
                    cols("user_agent string", "browser string", "os string", "is_bot string"),
                    cols(),
                    0,
                    "User-agent lookup, quoted CSV"),
            new Spec(
                    "web_logs",
                    "events_hudi",
                    Format.HUDI,
                    cols(
                            "_hoodie_commit_time string",
                            "_hoodie_record_key string",
                            "event_id string",
                            "payload string",
                            "ts timestamp"),
                    cols("dt string"),
                    4,
                    "Event stream upserted with Hudi"),
            new Spec(
                    "web_logs",
                    "top_pages_v",
                    Format.VIEW,
                    cols("url string", "views bigint"),
                    cols(),
                    0,
                    "Most viewed pages (Athena view)"),
            new Spec(
                    "finance",
                    "ledger",
                    Format.PARQUET,
                    cols(
                            "entry_id bigint",
                            "account string",
                            "debit decimal(38,18)",
                            "credit decimal(38,18)",
                            "booked_on date"),
                    cols("year int", "month int", "entity string"),
                    6,
                    "General ledger entries"),
            new Spec(
                    "finance",
                    "invoices",
                    Format.AVRO,
                    cols("invoice_id string", "customer_id bigint", "total decimal(38,18)", "issued_at timestamp"),
                    cols("dt string"),
                    4,
                    "Invoices, Avro with an embedded schema"),
            new Spec(
                    "finance",
                    "fx_rates",
                    Format.OPEN_CSV,
                    cols("base string", "quote string", "rate string"),
                    cols("dt string"),
                    2,
                    "Daily FX rates"),
            new Spec(
                    "finance",
                    "budgets",
                    Format.JSON,
                    cols("cost_center string", "year int", "amount decimal(38,18)", "owners array<string>"),
                    cols(),
                    0,
                    "Budgets per cost center"),
            new Spec(
                    "finance",
                    "transactions_delta",
                    Format.DELTA,
                    cols("txn_id string", "account string", "amount decimal(38,18)", "ts timestamp"),
                    cols(),
                    0,
                    "Card transactions in Delta Lake"),
            new Spec(
                    "finance",
                    "monthly_pnl_v",
                    Format.VIEW,
                    cols("year int", "month int", "pnl decimal(38,18)"),
                    cols(),
                    0,
                    "Profit and loss per month"),
            new Spec(
                    "ml_features",
                    "user_features",
                    Format.PARQUET,
                    cols(
                            "user_id bigint",
                            "embedding array<float>",
                            "recent_items array<struct<sku:string,score:double>>",
                            "category_counts map<string,int>",
                            "updated_at timestamp"),
                    cols("dt string"),
                    5,
                    "Daily user feature vectors"),
            new Spec(
                    "ml_features",
                    "item_embeddings",
                    Format.PARQUET,
                    cols("sku string", "vector array<double>", "model string"),
                    cols("model_version int", "shard int"),
                    3,
                    "Item embeddings per model version"),
            new Spec(
                    "ml_features",
                    "training_samples",
                    Format.ORC,
                    cols("sample_id bigint", "features map<string,double>", "label tinyint", "weight float"),
                    cols("dt string", "split string"),
                    4,
                    "Training samples by split"),
            new Spec(
                    "ml_features",
                    "feature_catalog",
                    Format.AVRO,
                    cols("feature string", "dtype string", "owner string", "created date"),
                    cols(),
                    0,
                    "Feature registry"),
            new Spec(
                    "ml_features",
                    "labels_json",
                    Format.JSON,
                    cols("sample_id bigint", "label smallint", "annotator string"),
                    cols("dt string"),
                    2,
                    "Human labels"),
            new Spec(
                    "staging",
                    "tmp_imports",
                    Format.CSV,
                    cols("line string"),
                    cols(),
                    0,
                    "Scratch table for manual imports"));

    private static final String[][] DATABASES = {
        {"sales", "Orders, customers and products", "data-eng"},
        {"web_logs", "Clickstream and access logs", "web-platform"},
        {"finance", "Ledger, invoices and rates", "finance-bi"},
        {"ml_features", "Feature store for recommendation models", "ml-platform"},
        {"staging", "Ad-hoc imports; tables pick their own locations", "data-eng"},
    };

    // ------------------------------------------------------------------ generation

    private static final class Generator {
        private final GlueStore store;
        private final Options options;
        private final String bucket;
        /** Where the functions' JARs live: always the object store, also when the data is local. */
        private final String jarBucket;

        private final String archive;
        private final String scratch;
        private final SplittableRandom random;
        private final Map<String, Integer> byFormat = new TreeMap<>();

        Generator(GlueStore store, Options options) {
            this.store = store;
            this.options = options;
            this.jarBucket = "s3://lakeport-sample-" + options.region() + "/";
            if (options.dataRoot() == null) {
                this.bucket = jarBucket;
                this.archive = "s3://lakeport-sample-" + options.region() + "-archive/";
                this.scratch = "s3://lakeport-sample-" + options.region() + "-scratch/";
            } else {
                this.bucket = options.dataRoot();
                this.archive = options.dataRoot() + "archive/";
                this.scratch = options.dataRoot() + "scratch/";
            }
            this.random = new SplittableRandom(options.seed());
        }

        Summary run() {
            for (String[] db : DATABASES) {
                ObjectNode node = NODES.objectNode();
                node.put("Name", db[0]);
                node.put("Description", db[1]);
                if (!db[0].equals("staging")) {
                    node.put("LocationUri", bucket + db[0] + "/");
                }
                node.putObject("Parameters").put("owner_team", db[2]);
                node.put("CreateTime", seconds(EPOCH_MILLIS - days(400) + random.nextLong(days(30))));
                store.putDatabase(node);
            }
            int totalWeight = TABLES.stream().mapToInt(Spec::weight).sum();
            long assigned = 0;
            int views = 0;
            long partitions = 0;
            List<ObjectNode> tables = new ArrayList<>();
            for (Spec spec : TABLES) {
                ObjectNode table = table(spec);
                store.putTable(spec.database(), table);
                tables.add(table);
                byFormat.merge(spec.format().name(), 1, Integer::sum);
                if (spec.format() == Format.VIEW) {
                    views++;
                }
            }
            // Partitions per table by weight; the rounding remainder goes to the first partitioned table.
            long[] counts = new long[TABLES.size()];
            int first = -1;
            for (int i = 0; i < TABLES.size(); i++) {
                if (TABLES.get(i).weight() > 0) {
                    counts[i] = (long) options.partitions() * TABLES.get(i).weight() / totalWeight;
                    assigned += counts[i];
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            counts[first] += options.partitions() - assigned;
            for (int i = 0; i < TABLES.size(); i++) {
                if (counts[i] > 0) {
                    partitions += partitions(TABLES.get(i), tables.get(i), counts[i], i);
                }
            }
            int functions = functions();
            return new Summary(DATABASES.length, TABLES.size(), views, partitions, functions, byFormat);
        }

        private ObjectNode table(Spec spec) {
            ObjectNode t = NODES.objectNode();
            t.put("Name", spec.name());
            t.put("Description", spec.comment());
            t.put("Owner", "hadoop");
            long created = EPOCH_MILLIS - days(300) + random.nextLong(days(200));
            t.put("CreateTime", seconds(created));
            t.put("UpdateTime", seconds(created + random.nextLong(days(30))));
            t.put("VersionId", Integer.toString(random.nextInt(5)));
            t.put("Retention", 0);
            String location = spec.database().equals("staging")
                    ? scratch + "imports/" + spec.name() + "/"
                    : bucket + spec.database() + "/" + spec.name() + "/";
            ObjectNode sd = descriptor(spec, location);
            t.set("StorageDescriptor", sd);
            ArrayNode keys = t.putArray("PartitionKeys");
            for (String key : spec.keys()) {
                keys.add(column(key));
            }
            ObjectNode params = NODES.objectNode();
            switch (spec.format()) {
                case VIEW:
                    t.put("TableType", "VIRTUAL_VIEW");
                    view(spec, t, params);
                    break;
                case ICEBERG:
                    t.put("TableType", "EXTERNAL_TABLE");
                    params.put("table_type", "ICEBERG");
                    params.put("metadata_location", location + "metadata/00007-" + uuid() + ".metadata.json");
                    params.put("previous_metadata_location", location + "metadata/00006-" + uuid() + ".metadata.json");
                    break;
                case HUDI:
                    t.put("TableType", "EXTERNAL_TABLE");
                    params.put("EXTERNAL", "TRUE");
                    params.put("classification", "hudi");
                    params.put("spark.sql.sources.provider", "hudi");
                    params.put("last_commit_time_sync", "20240301120000000");
                    break;
                case DELTA:
                    t.put("TableType", "EXTERNAL_TABLE");
                    params.put("EXTERNAL", "TRUE");
                    params.put("classification", "delta");
                    params.put("spark.sql.sources.provider", "delta");
                    params.put("spark.sql.partitionProvider", "catalog");
                    break;
                default:
                    t.put("TableType", "EXTERNAL_TABLE");
                    params.put("EXTERNAL", "TRUE");
                    params.put("classification", spec.format().classification);
                    if (spec.format() == Format.CSV || spec.format() == Format.OPEN_CSV) {
                        params.put("skip.header.line.count", "1");
                    }
                    params.put("has_encrypted_data", "false");
                    break;
            }
            params.put("comment", spec.comment());
            params.put("transient_lastDdlTime", Long.toString(created / 1000));
            t.set("Parameters", params);
            return t;
        }

        private void view(Spec spec, ObjectNode t, ObjectNode params) {
            String sql;
            switch (spec.name()) {
                case "daily_revenue_v":
                    sql = "SELECT dt, region, sum(amount) AS revenue FROM sales.orders GROUP BY dt, region";
                    t.put("ViewOriginalText", sql);
                    t.put(
                            "ViewExpandedText",
                            "SELECT `orders`.`dt`, `orders`.`region`, sum(`orders`.`amount`) AS"
                                    + " `revenue` FROM `sales`.`orders` GROUP BY `orders`.`dt`, `orders`.`region`");
                    return;
                case "top_pages_v":
                    sql = "SELECT url, count(*) AS views FROM web_logs.page_views GROUP BY url ORDER BY views DESC"
                            + " LIMIT 100";
                    break;
                default:
                    sql = "SELECT year, month, sum(credit) - sum(debit) AS pnl FROM finance.ledger GROUP BY year,"
                            + " month";
                    break;
            }
            // Athena keeps a base64 JSON definition between markers; engines other than Presto/Trino ignore it.
            String definition = "{\"originalSql\":\"" + sql + "\",\"catalog\":\"awsdatacatalog\",\"schema\":\""
                    + spec.database() + "\"}";
            t.put(
                    "ViewOriginalText",
                    "/* Presto View: "
                            + Base64.getEncoder().encodeToString(definition.getBytes(StandardCharsets.UTF_8))
                            + " */");
            t.put("ViewExpandedText", "/* Presto View */");
            params.put("presto_view", "true");
        }

        private ObjectNode descriptor(Spec spec, String location) {
            ObjectNode sd = NODES.objectNode();
            ArrayNode columns = sd.putArray("Columns");
            for (String column : spec.columns()) {
                columns.add(column(column));
            }
            if (spec.format() == Format.VIEW) {
                sd.put("Compressed", false);
                sd.put("NumberOfBuckets", 0);
                sd.putObject("SerdeInfo");
                sd.put("StoredAsSubDirectories", false);
                return sd;
            }
            sd.put("Location", location);
            Format format = spec.format();
            if (format.inputFormat != null) {
                sd.put("InputFormat", format.inputFormat);
                sd.put("OutputFormat", format.outputFormat);
            }
            sd.put("Compressed", format == Format.PARQUET || format == Format.ORC);
            sd.put("NumberOfBuckets", -1);
            if (format.serde != null) {
                ObjectNode serde = sd.putObject("SerdeInfo");
                ObjectNode serdeParams = NODES.objectNode();
                serde.put("SerializationLibrary", format.serde);
                switch (format) {
                    case CSV:
                        String delimiter = spec.name().equals("raw_access_logs") ? "\t" : ",";
                        serdeParams.put("field.delim", delimiter);
                        serdeParams.put("serialization.format", delimiter);
                        break;
                    case OPEN_CSV:
                        serdeParams.put("separatorChar", ",");
                        serdeParams.put("quoteChar", "\"");
                        serdeParams.put("escapeChar", "\\");
                        break;
                    case JSON:
                        serdeParams.put("paths", String.join(",", names(spec.columns())));
                        serdeParams.put("ignore.malformed.json", "true");
                        break;
                    case AVRO:
                        serdeParams.put("avro.schema.literal", avroSchema(spec));
                        break;
                    default:
                        serdeParams.put("serialization.format", "1");
                        break;
                }
                serde.set("Parameters", serdeParams);
            } else {
                sd.putObject("SerdeInfo");
            }
            sd.putArray("BucketColumns");
            sd.putArray("SortColumns");
            ObjectNode sdParams = sd.putObject("Parameters");
            if (format == Format.DELTA) {
                sdParams.put("path", location);
            }
            sd.put("StoredAsSubDirectories", false);
            switch (spec.name()) {
                case "order_items":
                    bucket(sd, 16, "order_id");
                    break;
                case "customers":
                    bucket(sd, 32, "customer_id");
                    break;
                case "store_sales":
                    skew(sd, location);
                    break;
                default:
                    break;
            }
            return sd;
        }

        private void bucket(ObjectNode sd, int buckets, String column) {
            sd.put("NumberOfBuckets", buckets);
            sd.putArray("BucketColumns").add(column);
            ObjectNode order = sd.putArray("SortColumns").addObject();
            order.put("Column", column);
            order.put("SortOrder", 1);
        }

        private void skew(ObjectNode sd, String location) {
            ObjectNode skewed = sd.putObject("SkewedInfo");
            skewed.putArray("SkewedColumnNames").add("store_id");
            // The Glue Hive client stores each skewed tuple as <length>$<value> per column.
            skewed.putArray("SkewedColumnValues").add("1$1").add("2$42");
            ObjectNode locations = skewed.putObject("SkewedColumnValueLocationMaps");
            locations.put("1$1", location + "store_id=1");
            locations.put("2$42", location + "store_id=42");
            sd.put("StoredAsSubDirectories", true);
        }

        private static String avroSchema(Spec spec) {
            StringBuilder schema = new StringBuilder("{\"type\":\"record\",\"name\":\"")
                    .append(spec.name())
                    .append("\",\"namespace\":\"dev.lakeport.sample.")
                    .append(spec.database())
                    .append("\",\"fields\":[");
            for (int i = 0; i < spec.columns().length; i++) {
                String[] parts = spec.columns()[i].split(" ", 2);
                if (i > 0) {
                    schema.append(',');
                }
                schema.append("{\"name\":\"")
                        .append(parts[0])
                        .append("\",\"type\":")
                        .append(avroType(parts[1]))
                        .append('}');
            }
            return schema.append("]}").toString();
        }

        private static String avroType(String hive) {
            if (hive.startsWith("array<")) {
                return "{\"type\":\"array\",\"items\":" + avroType(hive.substring(6, hive.length() - 1)) + "}";
            }
            if (hive.startsWith("decimal")) {
                return "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":38,\"scale\":18}";
            }
            switch (hive) {
                case "bigint":
                    return "\"long\"";
                case "int":
                    return "\"int\"";
                case "double":
                    return "\"double\"";
                case "date":
                    return "{\"type\":\"int\",\"logicalType\":\"date\"}";
                case "timestamp":
                    return "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}";
                default:
                    return "\"string\"";
            }
        }

        private static ObjectNode column(String nameAndType) {
            String[] parts = nameAndType.split(" ", 2);
            ObjectNode column = NODES.objectNode();
            column.put("Name", parts[0]);
            column.put("Type", parts[1]);
            return column;
        }

        private static List<String> names(String[] columns) {
            List<String> names = new ArrayList<>();
            for (String column : columns) {
                names.add(column.split(" ", 2)[0]);
            }
            return names;
        }

        // -------------------------------------------------------------- partitions

        private long partitions(Spec spec, ObjectNode table, long count, int tableIndex) {
            SplittableRandom rng = new SplittableRandom(options.seed() * 31 + tableIndex);
            ObjectNode tableSd = (ObjectNode) table.get("StorageDescriptor");
            String location = tableSd.get("Location").textValue();
            ObjectNode current = tableSd.deepCopy();
            current.remove("Location");
            // The oldest tenth of the partitions predates the last column: a second, shared descriptor.
            ObjectNode older = current.deepCopy();
            ArrayNode olderColumns = (ArrayNode) older.get("Columns");
            olderColumns.remove(olderColumns.size() - 1);
            long olderUntil = count / 10;
            long tableCreated = (long) (table.get("CreateTime").asDouble() * 1000);
            long step = Math.max(1, days(300) / Math.max(1, count));
            String[] keyNames = names(spec.keys()).toArray(new String[0]);
            List<ObjectNode> batch = new ArrayList<>(BATCH);
            String[] values = new String[keyNames.length];
            for (long i = 0; i < count; i++) {
                keyValues(spec, i, values);
                if (options.dataRoot() != null && spec.name().equals("orders") && i % 200 == 3) {
                    values[1] = DEFAULT_PARTITION;
                }
                ObjectNode p = NODES.objectNode();
                ArrayNode v = p.putArray("Values");
                StringBuilder path = new StringBuilder(location.length() + 48).append(location);
                for (int k = 0; k < values.length; k++) {
                    v.add(values[k]);
                    path.append(keyNames[k]).append('=').append(values[k]).append('/');
                }
                ObjectNode sd = NODES.objectNode();
                sd.setAll(i < olderUntil ? older : current);
                if (i % 997 == 13) {
                    // A few partitions were restored into an archive bucket, outside the table directory.
                    sd.put(
                            "Location",
                            archive + spec.database() + "/" + spec.name() + "/" + String.join("/", values) + "/");
                } else {
                    sd.put("Location", path.toString());
                }
                p.set("StorageDescriptor", sd);
                ObjectNode params = p.putObject("Parameters");
                params.put("numFiles", Integer.toString(1 + rng.nextInt(64)));
                params.put("totalSize", Long.toString(1024L + rng.nextLong(512L << 20)));
                p.put("CreationTime", seconds(tableCreated + i * step + rng.nextInt(60_000)));
                batch.add(p);
                if (batch.size() == BATCH) {
                    store.putPartitions(spec.database(), spec.name(), batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                store.putPartitions(spec.database(), spec.name(), batch);
            }
            return count;
        }

        private static final String[] REGIONS = {"apac", "emea", "latam", "na", "anz"};
        private static final String[] ENTITIES = {"de01", "fr01", "uk01", "us01", "us02", "jp01", "br01", "in01"};
        private static final String[] SPLITS = {"train", "validation", "test"};

        /** The i-th partition's values: a mixed-radix count over the keys, the date key slowest. */
        private static void keyValues(Spec spec, long i, String[] out) {
            switch (spec.name()) {
                case "orders":
                    out[0] = dt(i / REGIONS.length);
                    out[1] = REGIONS[(int) (i % REGIONS.length)];
                    return;
                case "page_views":
                case "raw_access_logs":
                    out[0] = dt(i / 24);
                    out[1] = Integer.toString((int) (i % 24));
                    return;
                case "clicks":
                    out[0] = dt(i / (24 * REGIONS.length));
                    out[1] = Integer.toString((int) (i / REGIONS.length % 24));
                    out[2] = REGIONS[(int) (i % REGIONS.length)];
                    return;
                case "ledger":
                    out[0] = Long.toString(2010 + i / (12 * ENTITIES.length));
                    out[1] = Integer.toString((int) (i / ENTITIES.length % 12) + 1);
                    out[2] = ENTITIES[(int) (i % ENTITIES.length)];
                    return;
                case "item_embeddings":
                    out[0] = Long.toString(1 + i / 256);
                    out[1] = Integer.toString((int) (i % 256));
                    return;
                case "training_samples":
                    out[0] = dt(i / SPLITS.length);
                    out[1] = SPLITS[(int) (i % SPLITS.length)];
                    return;
                default:
                    out[0] = dt(i);
            }
        }

        private static String dt(long dayOffset) {
            LocalDate date = LocalDate.of(2020, 1, 1).plusDays(dayOffset);
            int y = date.getYear();
            int m = date.getMonthValue();
            int d = date.getDayOfMonth();
            // Cheaper than a DateTimeFormatter for millions of values.
            char[] text = new char[8];
            text[0] = (char) ('0' + y / 1000 % 10);
            text[1] = (char) ('0' + y / 100 % 10);
            text[2] = (char) ('0' + y / 10 % 10);
            text[3] = (char) ('0' + y % 10);
            text[4] = (char) ('0' + m / 10);
            text[5] = (char) ('0' + m % 10);
            text[6] = (char) ('0' + d / 10);
            text[7] = (char) ('0' + d % 10);
            return new String(text);
        }

        // -------------------------------------------------------------- functions

        private int functions() {
            String jars = jarBucket + "jars/";
            function(
                    "sales",
                    "normalize_currency",
                    "dev.lakeport.udf.NormalizeCurrency",
                    "REGULAR_FUNCTION",
                    jars + "lakeport-udfs-1.4.2.jar");
            function(
                    "sales",
                    "mask_email",
                    "dev.lakeport.udf.MaskEmail",
                    "REGULAR_FUNCTION",
                    jars + "lakeport-udfs-1.4.2.jar");
            function(
                    "web_logs",
                    "parse_user_agent",
                    "dev.lakeport.udf.ParseUserAgent",
                    "REGULAR_FUNCTION",
                    jars + "ua-parser-udf-0.9.jar",
                    jars + "uap-core-0.16.jar");
            function(
                    "finance",
                    "weighted_avg",
                    "dev.lakeport.udaf.WeightedAverage",
                    "AGGREGATE_FUNCTION",
                    jars + "lakeport-udafs-2.1.0.jar");
            function(
                    "finance",
                    "fiscal_quarter",
                    "dev.lakeport.udf.FiscalQuarter",
                    null,
                    jars + "lakeport-udfs-1.4.2.jar");
            function(
                    "ml_features",
                    "cosine_similarity",
                    "dev.lakeport.udf.CosineSimilarity",
                    "REGULAR_FUNCTION",
                    jars + "ml-udfs-3.0.1.jar");
            return 6;
        }

        private void function(String db, String name, String className, String type, String... jarUris) {
            ObjectNode f = NODES.objectNode();
            f.put("FunctionName", name);
            f.put("ClassName", className);
            f.put("OwnerName", "hadoop");
            f.put("OwnerType", "USER");
            if (type != null) {
                f.put("FunctionType", type);
            }
            f.put("CreateTime", seconds(EPOCH_MILLIS - days(100) + random.nextLong(days(60))));
            ArrayNode uris = f.putArray("ResourceUris");
            for (String uri : jarUris) {
                uris.addObject().put("ResourceType", "JAR").put("Uri", uri);
            }
            store.putFunction(db, f);
        }

        // -------------------------------------------------------------- helpers

        private String uuid() {
            return String.format(
                    "%08x-%04x-4%03x-a%03x-%012x",
                    random.nextInt() & 0xffffffffL,
                    random.nextInt(0x10000),
                    random.nextInt(0x1000),
                    random.nextInt(0x1000),
                    random.nextLong(0x1000000000000L));
        }

        private static long days(long n) {
            return n * 86_400_000L;
        }

        private static long seconds(long millis) {
            return millis / 1000;
        }
    }
}
