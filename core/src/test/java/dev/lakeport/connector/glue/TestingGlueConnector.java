package dev.lakeport.connector.glue;

import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Secret;
import java.util.Optional;

/** Connector settings for tests against the Glue emulator. */
final class TestingGlueConnector {
    static final String ACCESS_KEY_ID = "AKIA" + "EMULATOR00000001";

    private TestingGlueConnector() {}

    static GlueConnectorConfig config(GlueEmulator emulator) {
        return config(emulator, ACCESS_KEY_ID);
    }

    static GlueConnectorConfig config(GlueEmulator emulator, String accessKeyId) {
        return GlueConnectorConfig.of(
                        "eu-central-1",
                        new AwsCredentials.StaticKeys(accessKeyId, Secret.of("emulator-secret-key"), Optional.empty()))
                .withEndpoint(emulator.endpoint());
    }
}
