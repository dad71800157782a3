package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.TestingCatalogObjects;
import dev.lakeport.model.Table;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Secret;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

class GlueConnectorTest {

    @Test
    void staticKeysWithASessionTokenSignAsTemporaryCredentials() {
        var keys = new AwsCredentials.StaticKeys(
                "ASIAEXAMPLE000000001", Secret.of("secret"), Optional.of(Secret.of("session-token")));

        var resolved = GlueConnector.credentialsProvider(keys).resolveCredentials();

        assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
        assertThat(((AwsSessionCredentials) resolved).sessionToken()).isEqualTo("session-token");
        assertThat(resolved.accessKeyId()).isEqualTo("ASIAEXAMPLE000000001");
        assertThat(resolved.secretAccessKey()).isEqualTo("secret");
    }

    @Test
    void staticKeysWithoutATokenSignAsLongTermCredentials() {
        var keys = new AwsCredentials.StaticKeys("AKIA" + "EXAMPLE000000001", Secret.of("secret"), Optional.empty());

        var resolved = GlueConnector.credentialsProvider(keys).resolveCredentials();

        assertThat(resolved).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(resolved.accessKeyId()).isEqualTo("AKIA" + "EXAMPLE000000001");
    }

    @Test
    void profilesAndTheDefaultChainUseTheSdkProviders() {
        assertThat(GlueConnector.credentialsProvider(new AwsCredentials.Profile("migration")))
                .isInstanceOf(ProfileCredentialsProvider.class);
        assertThat(GlueConnector.credentialsProvider(new AwsCredentials.DefaultChain()))
                .isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void theEndpointIsTheOverrideOrTheRegionalOne() {
        var keys = new AwsCredentials.StaticKeys("AKIA" + "EXAMPLE000000001", Secret.of("secret"), Optional.empty());
        try (GlueConnector regional = new GlueConnector(GlueConnectorConfig.of("eu-central-1", keys))) {
            assertThat(regional.endpoint()).isEqualTo("https://glue.eu-central-1.amazonaws.com");
        }
    }

    @Test
    void batchesOverTheGlueLimitsAreRefusedBeforeAnyCall() {
        var keys = new AwsCredentials.StaticKeys("AKIA" + "EXAMPLE000000001", Secret.of("secret"), Optional.empty());
        Table table = TestingCatalogObjects.partitionedTable("sales", "orders");
        try (GlueConnector connector = new GlueConnector(GlueConnectorConfig.of("eu-central-1", keys));
                GlueCatalogWriter writer = connector.writer()) {
            assertThat(writer.limits()).isEqualTo(new dev.lakeport.connector.WriterLimits(100, 100, 25));
            assertThatThrownBy(() -> writer.createPartitions(table, TestingCatalogObjects.partitions(table, 101)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 100");
            List<List<String>> values = Collections.nCopies(26, List.of("2024-01-01", "eu"));
            assertThatThrownBy(() -> writer.deletePartitions(table, values))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 25");
            assertThat(writer.createPartitions(table, List.of()).allSucceeded()).isTrue();
        }
    }
}
