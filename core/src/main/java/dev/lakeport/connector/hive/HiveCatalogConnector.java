package dev.lakeport.connector.hive;

import static dev.lakeport.connector.hive.HiveConnectorConfig.BATCH_SIZE;
import static dev.lakeport.connector.hive.HiveConnectorConfig.CALL_TIMEOUT;
import static dev.lakeport.connector.hive.HiveConnectorConfig.CONNECT_TIMEOUT;
import static dev.lakeport.connector.hive.HiveConnectorConfig.FRAMED;
import static dev.lakeport.connector.hive.HiveConnectorConfig.KEYTAB;
import static dev.lakeport.connector.hive.HiveConnectorConfig.MAX_BATCH;
import static dev.lakeport.connector.hive.HiveConnectorConfig.POOL_SIZE;
import static dev.lakeport.connector.hive.HiveConnectorConfig.PRINCIPAL;
import static dev.lakeport.connector.hive.HiveConnectorConfig.RETRY_DEADLINE;
import static dev.lakeport.connector.hive.HiveConnectorConfig.SASL;
import static dev.lakeport.connector.hive.HiveConnectorConfig.URIS;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.connector.SettingSpec.Type;
import dev.lakeport.connector.SettingsCheck;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.CatalogObject;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A Hive Metastore reached over Thrift, kind {@code hive}: Hive's own {@code hive.metastore.*} keys as a
 * {@code hive-site.xml} writes them, plus {@code hive.*} tuning. The call timeout and the retry deadline default to
 * the run's ({@code lakeport.callTimeout}, {@code lakeport.retryDeadline}); {@code hive.callTimeout} and
 * {@code hive.retryDeadline} set them for the metastore alone.
 */
public final class HiveCatalogConnector implements CatalogConnector {
    public static final String KIND = "hive";

    /** Connections the pool keeps open when {@code hive.poolSize} is not set. */
    static final int DEFAULT_POOL = 4;

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final String CONNECTION = "Connection";
    private static final String SECURITY = "Security";
    private static final String TUNING = "Tuning";

    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.text(
                            URIS,
                            "Metastore URIs",
                            CONNECTION,
                            "thrift://host:port, several separated by commas for fail-over (port 9083 when left out)")
                    .typed(Type.LIST)
                    .asRequired(),
            SettingSpec.text(
                            FRAMED,
                            "Framed transport",
                            CONNECTION,
                            "the metastore runs with hive.metastore.thrift.framed.transport.enabled")
                    .typed(Type.BOOLEAN)
                    .withDefault("false"),
            SettingSpec.text(SASL, "Kerberos (SASL)", SECURITY, "the metastore requires Kerberos")
                    .typed(Type.BOOLEAN)
                    .withDefault("false"),
            SettingSpec.text(
                    PRINCIPAL,
                    "Metastore principal",
                    SECURITY,
                    "the metastore's principal, e.g. hive/_HOST@EXAMPLE.COM"),
            SettingSpec.text(KEYTAB, "Keytab", SECURITY, "the keytab Lakeport signs in with")
                    .typed(Type.PATH),
            SettingSpec.text(CONNECT_TIMEOUT, "Connect timeout", TUNING, "longest wait to open a connection")
                    .typed(Type.DURATION)
                    .withDefault(SettingsCheck.formatDuration(DEFAULT_CONNECT_TIMEOUT)),
            SettingSpec.text(CALL_TIMEOUT, "Call timeout", TUNING, "longest one call may take; blank: the run's")
                    .typed(Type.DURATION),
            SettingSpec.text(RETRY_DEADLINE, "Retry deadline", TUNING, "how long one call is retried; blank: the run's")
                    .typed(Type.DURATION),
            SettingSpec.text(POOL_SIZE, "Connections", TUNING, "Thrift connections kept open, 1-256")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(DEFAULT_POOL)),
            SettingSpec.text(BATCH_SIZE, "Batch size", TUNING, "tables or partitions per call, 1-1000")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(MAX_BATCH)));

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "Hive Metastore";
    }

    @Override
    public String shortName() {
        return "Hive";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(
                Capability.READ,
                Capability.WRITE,
                Capability.PARTITION_FILTER_PUSHDOWN,
                Capability.FUNCTIONS,
                Capability.VIEWS);
    }

    @Override
    public List<SettingSpec> settings() {
        return SETTINGS;
    }

    @Override
    public List<SettingProblem> check(ConnectorSettings settings) {
        SettingsCheck check = SettingsCheck.of(settings);
        read(check, CallSettings.defaults());
        return check.problems();
    }

    @Override
    public HiveConnector open(ConnectorSettings settings, CallSettings calls) {
        return new HiveConnector(config(settings, calls));
    }

    @Override
    public WriterLimits writerLimits(ConnectorSettings settings) {
        int batch = config(settings, CallSettings.defaults()).batchSize();
        return new WriterLimits(batch, batch, batch);
    }

    @Override
    public Optional<UnaryOperator<CatalogObject>> storedForm() {
        return Optional.of(new HiveStoredForm());
    }

    @Override
    public String describe(ConnectorSettings settings) {
        return "Hive " + settings.get(URIS).orElse("?");
    }

    /**
     * The connection settings.
     *
     * @throws IllegalArgumentException naming the first error when the settings do not pass {@link #check}
     */
    public static HiveConnectorConfig config(ConnectorSettings settings, CallSettings calls) {
        SettingsCheck check = SettingsCheck.of(settings);
        return check.orThrow(read(check, calls));
    }

    private static HiveConnectorConfig read(SettingsCheck s, CallSettings calls) {
        String text = s.required(URIS, "the metastore's thrift://host:port");
        List<URI> uris = List.of();
        if (text != null) {
            try {
                uris = HiveConnectorConfig.parseUris(text);
            } catch (IllegalArgumentException e) {
                s.error(URIS, e.getMessage().replaceFirst("^" + URIS.replace(".", "\\.") + ":? ?", ""));
            }
        }
        boolean framed = s.bool(FRAMED, false);
        boolean sasl = s.bool(SASL, false);
        Optional<String> principal = s.optional(PRINCIPAL);
        Optional<String> keytab = s.optional(KEYTAB);
        if (sasl && principal.isEmpty()) {
            s.error(
                    PRINCIPAL,
                    "missing while " + SASL + " is true; set it to the metastore's principal, "
                            + "e.g. hive/_HOST@EXAMPLE.COM");
        }
        Duration tiny = Duration.ofMillis(1);
        Duration day = Duration.ofDays(1);
        Duration connect = s.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, tiny, day);
        Duration call = s.duration(CALL_TIMEOUT, calls.callTimeout(), tiny, day);
        Duration deadline = s.duration(RETRY_DEADLINE, calls.retryDeadline(), tiny, day);
        int pool = s.integer(POOL_SIZE, DEFAULT_POOL, 1, 256);
        int batch = s.integer(BATCH_SIZE, MAX_BATCH, 1, MAX_BATCH);
        if (uris.isEmpty() || s.hasErrors()) {
            return null;
        }
        return new HiveConnectorConfig(uris, connect, call, deadline, pool, batch, framed, sasl, principal, keytab);
    }
}
