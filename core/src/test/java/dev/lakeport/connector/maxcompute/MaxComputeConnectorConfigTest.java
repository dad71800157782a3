package dev.lakeport.connector.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxComputeConnectorConfigTest {
    private static final String SECRET = "test-secret-value";
    private final MaxComputeCatalogConnector connector = new MaxComputeCatalogConnector();

    private static Map<String, String> good() {
        Map<String, String> all = new HashMap<>();
        all.put("maxcompute.endpoint", "https://service.cn-hangzhou.maxcompute.aliyun.com/api");
        all.put("maxcompute.accessKeyId", "test-access-id");
        all.put("maxcompute.accessKeySecret", SECRET);
        all.put("maxcompute.project", "proj_a");
        return all;
    }

    private List<SettingProblem> check(Map<String, String> all) {
        return connector.check(ConnectorSettings.of(connector, all));
    }

    @Test
    void readsEveryKey() {
        Map<String, String> all = good();
        all.put("maxcompute.tunnel.endpoint", "https://dt.cn-hangzhou.maxcompute.aliyun.com");
        all.put("maxcompute.project.mapping", "{\"sales\":\"proj_b\",\"finance\":\"Proj_C.Finance\"}");
        all.put("maxcompute.project.jobs", "proj_jobs");
        all.put("maxcompute.lifecycle", "30");
        all.put("maxcompute.charmap.table", "{\"%\":\"_\"}");

        assertThat(check(all)).isEmpty();
        MaxComputeConnectorConfig config =
                MaxComputeCatalogConnector.config(ConnectorSettings.of(connector, all), CallSettings.defaults());
        assertThat(config.endpoint().getHost()).isEqualTo("service.cn-hangzhou.maxcompute.aliyun.com");
        assertThat(config.tunnelEndpoint()).isPresent();
        assertThat(config.defaultProject()).isEqualTo("proj_a");
        assertThat(config.jobsProject()).isEqualTo("proj_jobs");
        assertThat(config.lifecycle()).hasValue(30);
        assertThat(config.mapping())
                .containsEntry("sales", Namespace.of("proj_b"))
                .containsEntry("finance", Namespace.of("proj_c", "finance"));
        assertThat(config.projects()).containsExactly("proj_a", "proj_b", "proj_c");
    }

    @Test
    void theJobsProjectDefaultsToTheDefaultProject() {
        MaxComputeConnectorConfig config =
                MaxComputeCatalogConnector.config(ConnectorSettings.of(connector, good()), CallSettings.defaults());
        assertThat(config.jobsProject()).isEqualTo("proj_a");
        assertThat(config.lifecycle()).isEmpty();
        assertThat(config.mapping()).isEmpty();
    }

    @Test
    void everyBadKeyIsNamedWithWhatIsWrong() {
        Map<String, String> all = new HashMap<>();
        all.put("maxcompute.endpoint", "ftp://nowhere");
        all.put("maxcompute.tunnel.endpoint", "not a url");
        all.put("maxcompute.project.mapping", "{\"sales\":\"proj-b\",\"finance\":\"a.b.c\",\"ok\":\"proj_d\"}");
        all.put("maxcompute.project.jobs", "9jobs");
        all.put("maxcompute.lifecycle", "0");
        all.put("maxcompute.charmap.table", "[1]");
        all.put("maxcompute.charmap.column", "{\"%\": 1}");
        all.put("maxcompute.charmap.partition", "{not json");
        all.put("maxcompute.foldPartitionKeys", "proj_a.logs:x");

        List<SettingProblem> problems = check(all);

        assertThat(problems).allMatch(SettingProblem::error);
        assertThat(problems)
                .extracting(SettingProblem::key)
                .contains(
                        "maxcompute.endpoint",
                        "maxcompute.tunnel.endpoint",
                        "maxcompute.accessKeyId",
                        "maxcompute.accessKeySecret",
                        "maxcompute.project",
                        "maxcompute.project.mapping",
                        "maxcompute.project.jobs",
                        "maxcompute.lifecycle",
                        "maxcompute.charmap.table",
                        "maxcompute.charmap.column",
                        "maxcompute.charmap.partition",
                        "maxcompute.foldPartitionKeys");
        assertThat(problems.stream()
                        .filter(p -> p.key().equals("maxcompute.foldPartitionKeys"))
                        .map(SettingProblem::toString))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("'proj_a.logs:x'").contains("'x' is not a number"));
        assertThat(problems.stream()
                        .filter(p -> p.key().equals("maxcompute.project.mapping"))
                        .map(SettingProblem::toString))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("\"sales\"").contains("proj-b"))
                .anySatisfy(p -> assertThat(p).contains("\"finance\"").contains("a.b.c"));
        assertThat(check(Map.of("maxcompute.project.mapping", "{oops")))
                .filteredOn(p -> p.key().equals("maxcompute.project.mapping"))
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("not JSON"));
        assertThatThrownBy(() -> MaxComputeCatalogConnector.config(
                        ConnectorSettings.of(connector, all), CallSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxcompute.");
    }

    @Test
    void credentialsAreSecretsAndNeverShown() {
        assertThat(connector.setting("maxcompute.accessKeySecret"))
                .get()
                .extracting(SettingSpec::secret)
                .isEqualTo(true);
        assertThat(connector.setting("maxcompute.accessKeyId"))
                .get()
                .extracting(SettingSpec::secret)
                .isEqualTo(true);
        ConnectorSettings settings = ConnectorSettings.of(connector, good());

        assertThat(settings.values()).doesNotContainKeys("maxcompute.accessKeySecret", "maxcompute.accessKeyId");
        assertThat(connector.describe(settings))
                .isEqualTo("MaxCompute proj_a @ service.cn-hangzhou.maxcompute.aliyun.com")
                .doesNotContain(SECRET);
        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain("test-access-id");
        MaxComputeConnectorConfig config = MaxComputeCatalogConnector.config(settings, CallSettings.defaults());
        assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("test-access-id");
        assertThat(check(good()).toString()).doesNotContain(SECRET);
    }

    @Test
    void theRegistryFindsItByKind() {
        assertThat(ConnectorRegistry.standard().find("maxcompute")).get().satisfies(c -> {
            assertThat(c.displayName()).isEqualTo("Alibaba Cloud MaxCompute");
            assertThat(c.shortName()).isEqualTo("MaxCompute");
        });
    }
}
