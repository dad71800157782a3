package dev.lakeport.connector.dlf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.Retries;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.secret.AliyunCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys taken from credentials files reach DLF; a slow DLF is a timeout, not a hang. */
class DlfCredentialsAndTimeoutTest {
    private DlfEmulator emulator;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        emulator = DlfEmulator.start().allowAccessKeys("LTAI5tFromFile");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private DlfConnectorConfig config(AliyunCredentials credentials, Duration timeout) {
        return new DlfConnectorConfig(
                "cn-hangzhou", emulator.endpoint(), "HTTP", Optional.empty(), credentials, 8, timeout);
    }

    @Test
    void aProfileOfTheCredentialsIniFileIsUsed() throws IOException {
        Path ini = Files.writeString(
                dir.resolve("credentials"),
                "[default]\nenable = true\ntype = access_key\naccess_key_id = LTAI5tOther\n"
                        + "access_key_secret = s1\n\n[migration]\nenable = true\ntype = access_key\n"
                        + "access_key_id = LTAI5tFromFile\naccess_key_secret = s2\n");
        DlfConnector connector = DlfConnector.create(
                config(new AliyunCredentials.CredentialsFile(Optional.of(ini), "migration"), Duration.ofSeconds(10)));

        assertThat(connector.reader(Retries.none()).databaseCount()).isZero();
    }

    @Test
    void aProfileOfTheAliyunCliConfigIsUsed() throws IOException {
        Path json = Files.writeString(
                dir.resolve("config.json"),
                "{\"current\":\"default\",\"profiles\":[{\"name\":\"default\",\"mode\":\"AK\","
                        + "\"access_key_id\":\"LTAI5tOther\",\"access_key_secret\":\"s1\"},"
                        + "{\"name\":\"migration\",\"mode\":\"AK\",\"access_key_id\":\"LTAI5tFromFile\","
                        + "\"access_key_secret\":\"s2\"}]}");
        DlfConnector connector = DlfConnector.create(
                config(new AliyunCredentials.CredentialsFile(Optional.of(json), "migration"), Duration.ofSeconds(10)));

        assertThat(connector.reader(Retries.none()).databaseCount()).isZero();
    }

    @Test
    void aMissingProfileIsInvalidCredentials() throws IOException {
        Path json = Files.writeString(dir.resolve("config.json"), "{\"profiles\":[]}");

        assertThatThrownBy(() -> DlfConnector.create(config(
                        new AliyunCredentials.CredentialsFile(Optional.of(json), "migration"), Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
    }

    @Test
    void aCallSlowerThanTheTimeoutIsATimeout() {
        emulator.allowAccessKeys();
        emulator.faults().latency(Duration.ofSeconds(3));
        DlfConnector connector =
                DlfConnector.create(config(TestingDlf.keys(TestingDlf.ACCESS_KEY_ID), Duration.ofMillis(300)));

        assertThatThrownBy(() -> connector.writer().deleteDatabase("sales"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).startsWith("DLF DeleteDatabase sales failed:");
                });
    }
}
