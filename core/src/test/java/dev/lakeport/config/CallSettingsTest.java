package dev.lakeport.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.mapping.Scope;
import dev.lakeport.model.ObjectKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** lakeport.functions, the call timeout and retry deadline, and the page and batch sizes. */
class CallSettingsTest {

    @Test
    void defaultsAreTheApisAndBoundedTimes() {
        MigrationConfig c = MigrationConfigLoaderTest.load(MigrationConfigLoaderTest.minimal())
                .config();

        assertThat(c.calls()).isEqualTo(MigrationConfig.Calls.defaults());
        assertThat(Sides.glue(c).callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(Sides.glue(c).retryDeadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(Sides.glue(c).pageSize()).isEqualTo(1000);
        assertThat(Sides.glue(c).batchSize()).isEqualTo(100);
        assertThat(Sides.dlf(c).callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(Sides.dlf(c).batchSize()).isEqualTo(100);
        assertThat(c.retries().deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.scope().includesFunctions()).isTrue();
    }

    @Test
    void everySettingReachesTheConnectorsAndRoundTrips() {
        Map<String, String> m = MigrationConfigLoaderTest.minimal();
        m.put("lakeport.functions", "false");
        m.put("lakeport.callTimeout", "1500ms");
        m.put("lakeport.retryDeadline", "3m");
        m.put("lakeport.glue.pageSize", "50");
        m.put("lakeport.glue.batchSize", "10");
        m.put("lakeport.dlf.pageSize", "40");
        m.put("lakeport.dlf.batchSize", "5");

        MigrationConfigLoader.Result result = MigrationConfigLoaderTest.load(m);
        MigrationConfig c = result.config();

        assertThat(result.warnings()).isEmpty();
        assertThat(Sides.glue(c).callTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(Sides.dlf(c).retryDeadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(Sides.glue(c).pageSize()).isEqualTo(50);
        assertThat(Sides.glue(c).batchSize()).isEqualTo(10);
        assertThat(Sides.dlf(c).pageSize()).isEqualTo(40);
        assertThat(Sides.dlf(c).batchSize()).isEqualTo(5);
        Scope scope = c.scope();
        assertThat(scope.includesFunctions()).isFalse();
        assertThat(scope.includes(ObjectKey.function("sales", "f"))).isFalse();
        assertThat(scope.includes(ObjectKey.database("sales"))).isTrue();

        String text = MigrationConfigWriter.toProperties(c);
        assertThat(text)
                .contains("lakeport.functions=false")
                .contains("lakeport.callTimeout=1500ms")
                .contains("lakeport.retryDeadline=3m")
                .contains("lakeport.dlf.batchSize=5");
        assertThat(MigrationConfigLoader.load(new java.io.StringReader(text), "exported")
                        .config())
                .isEqualTo(c.withoutSecrets());
    }

    @Test
    void defaultsAreNotWrittenOut() {
        MigrationConfig c = MigrationConfigLoaderTest.load(MigrationConfigLoaderTest.minimal())
                .config();

        assertThat(MigrationConfigWriter.toProperties(c))
                .doesNotContain("lakeport.functions")
                .doesNotContain("lakeport.callTimeout")
                .doesNotContain("pageSize");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "lakeport.functions|no|'no' is not a boolean",
                "lakeport.callTimeout|soon|'soon' is not a duration",
                "lakeport.callTimeout|0s|must be between 100ms and 1h, got 0s",
                "lakeport.retryDeadline|48h|must be between 1s and 24h, got 48h",
                "lakeport.glue.pageSize|0|must be between 1 and 1000, got 0",
                "lakeport.glue.batchSize|101|must be between 1 and 100, got 101",
                "lakeport.dlf.pageSize|1001|must be between 1 and 1000, got 1001",
                "lakeport.dlf.batchSize|ten|'ten' is not a whole number between 1 and 100"
            })
    void badValuesAreRefusedNamingKeyAndValue(String key, String value, String problem) {
        Map<String, String> m = MigrationConfigLoaderTest.minimal();
        m.put(key, value);

        ConfigException e = MigrationConfigLoaderTest.failure(m);

        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo(key);
            assertThat(p.problem()).contains(problem);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "20s,20000",
        "500ms,500",
        "2m,120000",
        "2min,120000",
        "1h,3600000",
        "PT30S,30000",
        "15,15000",
        "1.5s,1500"
    })
    void durationsReadAsWritten(String text, long millis) {
        assertThat(MigrationConfigLoader.parseDuration(text)).contains(Duration.ofMillis(millis));
    }
}
