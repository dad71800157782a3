package dev.lakeport.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.SampleProject;
import dev.lakeport.pipeline.Migration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectSessionTest {
    @TempDir
    Path dir;

    private final Map<String, Map<String, String>> vault = new HashMap<>();
    private final CredentialStore credentials = new CredentialStore() {
        @Override
        public Map<String, String> load(String projectId) {
            return vault.getOrDefault(projectId, Map.of());
        }

        @Override
        public void save(String projectId, Map<String, String> values) {
            vault.put(projectId, Map.copyOf(values));
        }

        @Override
        public String describe() {
            return "test";
        }
    };

    private Map<String, String> sampleSettings() {
        return SampleProject.settings(
                "http://127.0.0.1:1", "127.0.0.1:2", "1234", dir.resolve("out").toString());
    }

    @Test
    void settingsWriteThroughAndCredentialsNeverReachTheProjectFile() throws Exception {
        Path file = dir.resolve("p.mv.db");
        String secret = "very-" + "secret-value";
        try (ProjectSession session = new ProjectSession(credentials)) {
            Map<String, String> settings = sampleSettings();
            settings.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, secret);
            session.attach(session.read(file, settings, false));
            session.setting(ConfigKeys.AWS_REGION).set("us-west-2");
            assertThat(session.settings()).containsEntry(ConfigKeys.AWS_REGION, "us-west-2");
            assertThat(session.dirtyProperty().get()).isTrue();
            session.save();
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);
        assertThat(Migration.storedSettings(file).getProperty(ConfigKeys.AWS_SECRET_ACCESS_KEY))
                .isNull();
        assertThat(vault.values()).singleElement().satisfies(v -> assertThat(v)
                .containsEntry(ConfigKeys.AWS_SECRET_ACCESS_KEY, secret));

        try (ProjectSession reopened = new ProjectSession(credentials)) {
            reopened.attach(reopened.read(file, Map.of(), false));
            assertThat(reopened.setting(ConfigKeys.AWS_REGION).get()).isEqualTo("us-west-2");
            assertThat(reopened.setting(ConfigKeys.AWS_SECRET_ACCESS_KEY).get()).isEqualTo(secret);
        }
    }

    @Test
    void theEngineFollowsTheSettingsAndRefusesAnInvalidOne() {
        try (ProjectSession session = new ProjectSession(credentials)) {
            session.attach(session.read(dir.resolve("q.mv.db"), sampleSettings(), false));
            Migration first = session.migration();
            assertThat(session.migration()).isSameAs(first);
            session.setting(ConfigKeys.LOCATION_CONVERT_MAP).set("{\"s3://x/\":\"oss://y/\"}");
            Migration second = session.migration();
            assertThat(second).isNotSameAs(first);
            session.setting(ConfigKeys.LOCATION_CONVERT_MAP).set("{broken");
            assertThatThrownBy(session::migration)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(ConfigKeys.LOCATION_CONVERT_MAP);
            // The store outlives every migration attached to it.
            assertThat(session.store().databases(dev.lakeport.snapshot.Side.SOURCE))
                    .isEmpty();
        }
    }
}
