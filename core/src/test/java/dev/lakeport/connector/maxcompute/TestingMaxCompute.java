package dev.lakeport.connector.maxcompute;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.secret.Secret;
import java.util.Map;
import java.util.TreeMap;

/** Settings that reach a MaxCompute emulator, with test credentials that cannot be mistaken for real keys. */
final class TestingMaxCompute {
    static final String ACCESS_ID = "test-access-id";
    static final String SECRET = "test-secret";

    private TestingMaxCompute() {}

    static ConnectorSettings settings(MaxComputeEmulator emulator, String project, Map<String, String> more) {
        Map<String, String> values = new TreeMap<>();
        values.put(MaxComputeCatalogConnector.ENDPOINT, emulator.endpoint());
        values.put(MaxComputeCatalogConnector.PROJECT, project);
        values.putAll(more);
        return ConnectorSettings.of(
                values,
                Map.of(
                        MaxComputeCatalogConnector.ACCESS_KEY_ID, Secret.of(ACCESS_ID),
                        MaxComputeCatalogConnector.ACCESS_KEY_SECRET, Secret.of(SECRET)));
    }

    static MaxComputeConnector open(MaxComputeEmulator emulator, String project, Map<String, String> more) {
        return new MaxComputeCatalogConnector().open(settings(emulator, project, more), CallSettings.defaults());
    }
}
