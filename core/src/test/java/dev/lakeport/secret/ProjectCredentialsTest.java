package dev.lakeport.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.ProjectCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCredentialsTest {
    // Key-like values are assembled so that no source line holds a whole one.
    private static final String AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
    private static final String AWS_TOKEN = "FwoGZXIvYXdzE" + "DEXAMPLETOKEN";
    private static final String ALIYUN_KEY_ID = "LTAI" + "5tExampleKeyId01";
    private static final String ALIYUN_SECRET = "Zx9Qm2Lk" + "Vb7Np4Rt8Wc1Yd6Hs3Gf5J";

    @TempDir
    Path dir;

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(ConfigKeys.AWS_ACCESS_KEY_ID, AWS_KEY_ID);
        s.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, AWS_SECRET);
        s.put(ConfigKeys.AWS_SESSION_TOKEN, AWS_TOKEN);
        s.put(ConfigKeys.AWS_REGION, "us-east-1");
        s.put(ConfigKeys.ALIYUN_ACCESS_KEY_ID, ALIYUN_KEY_ID);
        s.put(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY, ALIYUN_SECRET);
        s.put(ConfigKeys.ALIYUN_REGION, "cn-hangzhou");
        s.put(ConfigKeys.MODE, "diff");
        return s;
    }

    /** The credentials {@link #settings()} holds: Glue's and DLF's. */
    private static final java.util.List<String> GIVEN = java.util.List.of(
            ConfigKeys.AWS_ACCESS_KEY_ID,
            ConfigKeys.AWS_SECRET_ACCESS_KEY,
            ConfigKeys.AWS_SESSION_TOKEN,
            ConfigKeys.ALIYUN_ACCESS_KEY_ID,
            ConfigKeys.ALIYUN_SECRET_ACCESS_KEY);

    @Test
    void aSameKindDestinationsCredentialsAreCredentialsToo() {
        ProjectCredentials.Split split = ProjectCredentials.split(Map.of(
                "lakeport.destination.aliyun.secretAccessKey",
                ALIYUN_SECRET,
                "lakeport.destination.aliyun.region",
                "x"));
        assertThat(split.secrets()).containsOnlyKeys("lakeport.destination.aliyun.secretAccessKey");
        assertThat(split.settings()).containsOnlyKeys("lakeport.destination.aliyun.region");
    }

    @Test
    void splitSeparatesEveryCredentialFromTheOtherSettings() {
        ProjectCredentials.Split split = ProjectCredentials.split(settings());

        assertThat(split.settings())
                .containsExactly(
                        entry(ConfigKeys.AWS_REGION, "us-east-1"),
                        entry(ConfigKeys.ALIYUN_REGION, "cn-hangzhou"),
                        entry(ConfigKeys.MODE, "diff"));
        assertThat(split.secrets()).containsOnlyKeys(GIVEN);
        assertThat(split.secrets().get(ConfigKeys.AWS_SECRET_ACCESS_KEY).reveal())
                .isEqualTo(AWS_SECRET);
        assertThat(split.secrets().toString()).doesNotContain(AWS_SECRET, ALIYUN_SECRET, AWS_TOKEN);
    }

    @Test
    void blankCredentialsAreNeitherSettingsNorSecretsAndCaseDoesNotLetOneSlipThrough() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(ConfigKeys.AWS_ACCESS_KEY_ID, "  ");
        s.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, "");
        s.put("AWS.SecretAccessKey", " " + AWS_SECRET + " ");
        s.put(ConfigKeys.AWS_REGION, "us-east-1");

        ProjectCredentials.Split split = ProjectCredentials.split(s);

        assertThat(split.settings()).containsExactly(entry(ConfigKeys.AWS_REGION, "us-east-1"));
        assertThat(split.secrets()).containsOnlyKeys(ConfigKeys.AWS_SECRET_ACCESS_KEY);
        assertThat(split.secrets().get(ConfigKeys.AWS_SECRET_ACCESS_KEY).reveal())
                .isEqualTo(AWS_SECRET);
    }

    @Test
    void saveStoresTheCredentialsAndRestoreFillsThemBack() {
        InMemorySecretStore store = new InMemorySecretStore();
        ProjectCredentials credentials = new ProjectCredentials(store);

        Map<String, String> forTheProjectFile = credentials.save("p1", settings());

        assertThat(forTheProjectFile).doesNotContainKeys(ConfigKeys.SECRET_KEYS.toArray(String[]::new));
        assertThat(forTheProjectFile.values()).doesNotContain(AWS_KEY_ID, AWS_SECRET, AWS_TOKEN, ALIYUN_SECRET);
        assertThat(store.entries)
                .containsOnlyKeys(
                        "p1/aws.accessKeyId",
                        "p1/aws.secretAccessKey",
                        "p1/lakeport.aws.sessionToken",
                        "p1/aliyun.accessKeyId",
                        "p1/aliyun.secretAccessKey");
        assertThat(store.entries.get("p1/aws.secretAccessKey")).isEqualTo(Secret.of(AWS_SECRET));

        assertThat(credentials.restore("p1", forTheProjectFile)).isEqualTo(settings());
        assertThat(credentials.load("p1")).containsOnlyKeys(GIVEN);
    }

    @Test
    void aClearedCredentialIsDeletedFromTheStore() {
        InMemorySecretStore store = new InMemorySecretStore();
        ProjectCredentials credentials = new ProjectCredentials(store);
        credentials.save("p1", settings());

        Map<String, String> edited = settings();
        edited.put(ConfigKeys.AWS_SESSION_TOKEN, "");
        edited.remove(ConfigKeys.ALIYUN_ACCESS_KEY_ID);
        edited.remove(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY);
        credentials.save("p1", edited);

        assertThat(store.entries).containsOnlyKeys("p1/aws.accessKeyId", "p1/aws.secretAccessKey");
        assertThat(credentials.restore("p1", Map.of(ConfigKeys.MODE, "diff")))
                .containsOnly(
                        entry(ConfigKeys.MODE, "diff"),
                        entry(ConfigKeys.AWS_ACCESS_KEY_ID, AWS_KEY_ID),
                        entry(ConfigKeys.AWS_SECRET_ACCESS_KEY, AWS_SECRET));
    }

    @Test
    void aCredentialGivenInTheSettingsWinsOverTheStoredOne() {
        ProjectCredentials credentials = new ProjectCredentials(new InMemorySecretStore());
        credentials.save("p1", settings());

        Map<String, String> given = new LinkedHashMap<>();
        given.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, "typed-by-the-user");
        given.put(ConfigKeys.AWS_ACCESS_KEY_ID, " ");

        Map<String, String> restored = credentials.restore("p1", given);

        assertThat(restored).containsEntry(ConfigKeys.AWS_SECRET_ACCESS_KEY, "typed-by-the-user");
        assertThat(restored).containsEntry(ConfigKeys.AWS_ACCESS_KEY_ID, AWS_KEY_ID);
    }

    @Test
    void deleteRemovesOnlyThatProjectsCredentials() {
        InMemorySecretStore store = new InMemorySecretStore();
        ProjectCredentials credentials = new ProjectCredentials(store);
        credentials.save("p1", settings());
        credentials.save("p2", settings());

        credentials.delete("p1");

        assertThat(store.entries.keySet()).allMatch(account -> account.startsWith("p2/"));
        assertThat(store.entries).hasSize(GIVEN.size());
        assertThat(credentials.restore("p1", Map.of())).isEmpty();
    }

    @Test
    void throughTheVaultNoCredentialReachesTheDisk() throws IOException {
        Path file = dir.resolve("vault.json");
        try (EncryptedVault vault = EncryptedVault.create(file, "pw".toCharArray(), 1_000)) {
            new ProjectCredentials(vault).save("p1", settings());
        }
        try (EncryptedVault vault = EncryptedVault.open(file, "pw".toCharArray())) {
            assertThat(new ProjectCredentials(vault).restore("p1", Map.of())).hasSize(5);
        }

        String content = Files.readString(file, UTF_8);
        assertThat(content).doesNotContain(AWS_KEY_ID, AWS_SECRET, AWS_TOKEN, ALIYUN_KEY_ID, ALIYUN_SECRET, "p1/");
    }

    @Test
    void accountsAreProjectIdSlashKey() {
        assertThat(ProjectCredentials.account("3f2c", ConfigKeys.AWS_SECRET_ACCESS_KEY))
                .isEqualTo("3f2c/aws.secretAccessKey");
        assertThatThrownBy(() -> ProjectCredentials.account(" ", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProjectCredentials.account("a/b", "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
