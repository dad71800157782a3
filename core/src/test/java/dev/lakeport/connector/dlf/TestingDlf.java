package dev.lakeport.connector.dlf;

import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.Secret;
import java.util.Optional;

/** Connector settings for a local DLF emulator. */
final class TestingDlf {
    static final String ACCESS_KEY_ID = "LTAI" + "5tLakeportTest";

    private TestingDlf() {}

    static AliyunCredentials.StaticKeys keys(String accessKeyId) {
        return new AliyunCredentials.StaticKeys(accessKeyId, Secret.of("test-secret"), Optional.empty());
    }

    static DlfConnectorConfig config(DlfEmulator emulator) {
        return DlfConnectorConfig.of("cn-hangzhou", emulator.endpoint(), keys(ACCESS_KEY_ID))
                .withProtocol("HTTP");
    }
}
