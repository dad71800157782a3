package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.Retries;
import dev.lakeport.connector.TestingCatalogObjects;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Secret;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/** Reader behaviour the emulator does not provoke, against a scripted client. */
class GlueCatalogReaderTest {
    private static final GlueConnectorConfig CONFIG = GlueConnectorConfig.of(
            "eu-central-1",
            new AwsCredentials.StaticKeys("AKIA" + "EXAMPLE000000001", Secret.of("s"), Optional.empty()));

    @Test
    void unprocessedKeysAreAskedForAgain() {
        List<List<List<String>>> asked = new ArrayList<>();
        GlueClient client = scripted((BatchGetPartitionRequest request) -> {
            List<List<String>> keys = request.partitionsToGet().stream()
                    .map(PartitionValueList::values)
                    .toList();
            asked.add(keys);
            // the first answer leaves the last key unprocessed, as a busy Glue does
            List<List<String>> answered = asked.size() == 1 ? keys.subList(0, keys.size() - 1) : keys;
            return BatchGetPartitionResponse.builder()
                    .partitions(answered.stream()
                            .map(v -> software.amazon.awssdk.services.glue.model.Partition.builder()
                                    .databaseName("sales")
                                    .tableName("orders")
                                    .values(v)
                                    .build())
                            .toList())
                    .unprocessedKeys(
                            asked.size() == 1
                                    ? List.of(PartitionValueList.builder()
                                            .values(keys.get(keys.size() - 1))
                                            .build())
                                    : List.of())
                    .build();
        });
        Table table = TestingCatalogObjects.partitionedTable("sales", "orders");
        List<List<String>> values =
                List.of(List.of("2024-01-03", "eu"), List.of("2024-01-01", "us"), List.of("2024-01-02", "eu"));

        try (GlueCatalogReader reader = new GlueCatalogReader(
                client,
                CONFIG,
                "test",
                Retries.of(3, Duration.ofMillis(1), Duration.ofMillis(2)),
                new dev.lakeport.connector.AdaptiveSize("page", 1000))) {
            List<Partition> found = reader.partitions(table, values);

            assertThat(found).extracting(Partition::values).containsExactlyElementsOf(values);
        }
        assertThat(asked).containsExactly(values, List.of(values.get(2)));
    }

    @FunctionalInterface
    private interface BatchGet {
        BatchGetPartitionResponse answer(BatchGetPartitionRequest request);
    }

    /** A GlueClient that answers BatchGetPartition with {@code batchGet} and nothing else. */
    private static GlueClient scripted(BatchGet batchGet) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("batchGetPartition")
                    && args.length == 1
                    && args[0] instanceof BatchGetPartitionRequest request) {
                return batchGet.answer(request);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("close")) {
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (GlueClient)
                Proxy.newProxyInstance(GlueClient.class.getClassLoader(), new Class<?>[] {GlueClient.class}, handler);
    }
}
