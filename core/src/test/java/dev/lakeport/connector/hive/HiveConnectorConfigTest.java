package dev.lakeport.connector.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HiveConnectorConfigTest {

    @Test
    void readsEveryKey() {
        HiveConnectorConfig config = HiveConnectorConfig.fromProperties(Map.of(
                "hive.metastore.uris", "thrift://h1:9083, thrift://h2",
                "hive.connectTimeout", "3s",
                "hive.callTimeout", "2m",
                "hive.retryDeadline", "PT90S",
                "hive.poolSize", "8",
                "hive.batchSize", "500",
                "hive.metastore.thrift.framed.transport.enabled", "true",
                "hive.metastore.sasl.enabled", "true",
                "hive.metastore.kerberos.principal", "hive/_HOST@EXAMPLE.COM",
                "hive.metastore.kerberos.keytab", "/etc/security/lakeport.keytab"));

        assertThat(config.uris()).containsExactly(URI.create("thrift://h1:9083"), URI.create("thrift://h2:9083"));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.retryDeadline()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.poolSize()).isEqualTo(8);
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.framed()).isTrue();
        assertThat(config.sasl()).isTrue();
        assertThat(config.principal()).contains("hive/_HOST@EXAMPLE.COM");
        assertThat(config.keytab()).contains("/etc/security/lakeport.keytab");
    }

    @Test
    void defaultsAreSensible() {
        HiveConnectorConfig config = HiveConnectorConfig.fromProperties(Map.of("hive.metastore.uris", "thrift://h1"));

        assertThat(config.uris()).containsExactly(URI.create("thrift://h1:9083"));
        assertThat(config.batchSize()).isEqualTo(1000);
        assertThat(config.sasl()).isFalse();
        assertThat(config.framed()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> HiveConnectorConfig.fromProperties(Map.of()))
                .hasMessageContaining("hive.metastore.uris: missing");
        assertBad("hive.batchSize", "1001", "hive.batchSize: must be between 1 and 1000, got 1001");
        assertBad("hive.batchSize", "lots", "hive.batchSize: 'lots' is not a whole number");
        assertBad("hive.connectTimeout", "soon", "hive.connectTimeout: 'soon' is not a duration");
        assertBad("hive.callTimeout", "0s", "hive.callTimeout: must be between 1ms and 24h, got 0s");
        assertBad("hive.poolSize", "0", "hive.poolSize: must be between 1 and 256, got 0");
        assertBad("hive.metastore.sasl.enabled", "yes", "hive.metastore.sasl.enabled: 'yes' is not a boolean");
        assertBad(
                "hive.metastore.sasl.enabled",
                "true",
                "hive.metastore.kerberos.principal: missing while hive.metastore.sasl.enabled is true");
        assertThatThrownBy(() -> HiveConnectorConfig.fromProperties(Map.of("hive.metastore.uris", "http://h1:9083")))
                .hasMessageContaining("hive.metastore.uris: 'http://h1:9083' is not a thrift:// URI");
        assertThatThrownBy(() -> HiveConnectorConfig.parseUris(" , "))
                .hasMessageContaining("hive.metastore.uris is empty");
        assertThatThrownBy(() -> new HiveConnectorConfig(
                        List.of(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1,
                        1,
                        false,
                        false,
                        java.util.Optional.empty(),
                        java.util.Optional.empty()))
                .hasMessageContaining("hive.metastore.uris is empty");
    }

    private static void assertBad(String key, String value, String message) {
        assertThatThrownBy(() -> HiveConnectorConfig.fromProperties(
                        Map.of("hive.metastore.uris", "thrift://h1:9083", key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
