package dev.lakeport.emulator.glue;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** Builds SDK clients and small catalog objects for tests against {@link GlueEmulator}. */
final class TestingGlue {
    static final String ACCESS_KEY = "AKIDLAKEPORTTEST";

    private TestingGlue() {}

    /** A client that sees every raw error: the SDK's retries are off. */
    static GlueClient client(GlueEmulator emulator) {
        return client(emulator, ACCESS_KEY);
    }

    static GlueClient client(GlueEmulator emulator, String accessKey) {
        return GlueClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static DatabaseInput database(String name) {
        return DatabaseInput.builder()
                .name(name)
                .description("test database " + name)
                .locationUri("s3://bucket/" + name + "/")
                .build();
    }

    static StorageDescriptor descriptor(String location) {
        return StorageDescriptor.builder()
                .columns(
                        Column.builder().name("id").type("bigint").build(),
                        Column.builder().name("amount").type("decimal(38,18)").build())
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serdeInfo(SerDeInfo.builder()
                        .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                        .build())
                .build();
    }

    /** A table partitioned by {@code dt string, hr <hrType>}. */
    static TableInput partitionedTable(String name, String location, String hrType) {
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(descriptor(location))
                .partitionKeys(
                        Column.builder().name("dt").type("string").build(),
                        Column.builder().name("hr").type(hrType).build())
                .build();
    }

    static PartitionInput partition(String tableLocation, String dt, String hr) {
        return PartitionInput.builder()
                .values(dt, hr)
                .storageDescriptor(descriptor(tableLocation + "dt=" + dt + "/hr=" + hr + "/"))
                .build();
    }

    /** {@code days} days × 24 hours of partitions, in batches of 100. */
    static List<PartitionInput> partitions(String tableLocation, int days) {
        List<PartitionInput> all = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int h = 0; h < 24; h++) {
                all.add(partition(tableLocation, String.format("202401%02d", d + 1), Integer.toString(h)));
            }
        }
        return all;
    }
}
