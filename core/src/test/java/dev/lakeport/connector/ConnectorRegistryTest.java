package dev.lakeport.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.secret.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {

    @Test
    void theStandardRegistryFindsEveryConnectorOnTheClassPathByKind() {
        ConnectorRegistry registry = ConnectorRegistry.standard();
        assertThat(registry.kinds()).contains("dlf", "glue", "hive");
        assertThat(registry.require("GLUE").displayName()).isEqualTo("AWS Glue Data Catalog");
        assertThat(registry.find(" dlf ")).isPresent();
    }

    @Test
    void anUnknownKindNamesTheKnownOnes() {
        assertThatThrownBy(() -> ConnectorRegistry.standard().require("oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oracle' is not a catalog Lakeport knows")
                .hasMessageContaining("glue")
                .hasMessageContaining("dlf");
    }

    @Test
    void everyConnectorDescribesItselfCompletely() {
        for (CatalogConnector c : ConnectorRegistry.standard().connectors()) {
            assertThat(c.kind()).as("kind").matches("[a-z][a-z0-9]*");
            assertThat(c.displayName()).as(c.kind()).isNotBlank();
            assertThat(c.shortName()).as(c.kind()).isNotBlank();
            assertThat(c.capabilities()).as(c.kind()).contains(Capability.READ);
            assertThat(c.settings()).as(c.kind()).isNotEmpty();
            assertThat(c.settings()).as(c.kind()).allSatisfy(s -> {
                assertThat(s.label()).isNotBlank();
                assertThat(s.help()).isNotBlank();
                assertThat(s.group()).isNotBlank();
            });
            assertThat(c.settings().stream().map(SettingSpec::key).distinct().count())
                    .as("%s: keys are unique", c.kind())
                    .isEqualTo(c.settings().size());
        }
    }

    @Test
    void twoConnectorsOfOneKindAreRefused() {
        CatalogConnector glue = ConnectorRegistry.standard().require("glue");
        assertThatThrownBy(() -> ConnectorRegistry.of(List.of(glue, glue)))
                .hasMessageContaining("two connectors register the kind 'glue'");
    }

    @Test
    void credentialKeysAreKnownForEveryConnectorAndNeverShown() {
        assertThat(ConnectorRegistry.standard().secretKeys())
                .contains("aws.accessKeyId", "aws.secretAccessKey", "aliyun.accessKeyId", "aliyun.secretAccessKey");
        CatalogConnector glue = ConnectorRegistry.standard().require("glue");
        ConnectorSettings s = ConnectorSettings.of(
                glue,
                Map.of(
                        "aws.region", "eu-central-1",
                        "aws.accessKeyId", "AKIDTESTTESTTEST0001",
                        "aws.secretAccessKey", "sEcReT-value-1",
                        "unrelated.key", "x"));
        assertThat(s.values()).containsOnlyKeys("aws.region");
        assertThat(s.secret("aws.secretAccessKey")).contains(Secret.of("sEcReT-value-1"));
        assertThat(s.toString()).doesNotContain("sEcReT-value-1").doesNotContain("AKIDTESTTESTTEST0001");
    }

    @Test
    void checkNamesEveryWrongSettingByItsKeyWithoutConnecting() {
        CatalogConnector dlf = ConnectorRegistry.standard().require("dlf");
        List<SettingProblem> problems = dlf.check(ConnectorSettings.of(
                dlf,
                Map.of("aliyun.region", "Hangzhou!", "lakeport.dlf.batchSize", "1000", "aliyun.accessKeyId", "x")));
        assertThat(problems)
                .filteredOn(SettingProblem::error)
                .extracting(SettingProblem::key)
                .containsExactlyInAnyOrder(
                        "aliyun.region", "aliyun.endpoint", "lakeport.dlf.batchSize", "aliyun.secretAccessKey");
    }
}
