package dev.lakeport.connector.maxcompute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.connector.SettingSpec.Type;
import dev.lakeport.connector.SettingsCheck;
import dev.lakeport.connector.TypeSystem;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.naming.CharacterReplacements;
import dev.lakeport.secret.Secret;
import java.net.URI;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Alibaba Cloud MaxCompute, kind {@code maxcompute}: projects (and their schemas, in the three-layer model), tables and
 * partitions, read through the REST API and written with SQL tasks, all through {@code odps-sdk-core}. Settings are
 * {@code maxcompute.*}; see docs/connectors/maxcompute.md.
 */
public final class MaxComputeCatalogConnector implements CatalogConnector {
    public static final String KIND = "maxcompute";

    public static final String ENDPOINT = "maxcompute.endpoint";
    public static final String TUNNEL_ENDPOINT = "maxcompute.tunnel.endpoint";
    public static final String ACCESS_KEY_ID = "maxcompute.accessKeyId";
    public static final String ACCESS_KEY_SECRET = "maxcompute.accessKeySecret";
    public static final String PROJECT = "maxcompute.project";
    public static final String PROJECT_MAPPING = "maxcompute.project.mapping";
    public static final String JOBS_PROJECT = "maxcompute.project.jobs";
    public static final String CHARMAP_TABLE = "maxcompute.charmap.table";
    public static final String CHARMAP_COLUMN = "maxcompute.charmap.column";
    public static final String CHARMAP_PARTITION = "maxcompute.charmap.partition";
    public static final String LIFECYCLE = "maxcompute.lifecycle";
    public static final String FOLD_PARTITION_KEYS = dev.lakeport.naming.PartitionFolding.KEY;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CONNECTION = "Connection";
    private static final String CREDENTIALS = "Credentials";
    private static final String DESTINATION = "Destination";
    private static final String NAMES = "Names";

    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.text(
                            ENDPOINT,
                            "Endpoint",
                            CONNECTION,
                            "the MaxCompute API endpoint, e.g. https://service.cn-hangzhou.maxcompute.aliyun.com/api")
                    .typed(Type.URI)
                    .asRequired(),
            SettingSpec.text(
                            TUNNEL_ENDPOINT,
                            "Tunnel endpoint",
                            CONNECTION,
                            "the Tunnel endpoint for data; blank: the one MaxCompute names")
                    .typed(Type.URI),
            SettingSpec.text(ACCESS_KEY_ID, "AccessKey id", CREDENTIALS, "an Alibaba Cloud AccessKey id")
                    .asSecret()
                    .asRequired(),
            SettingSpec.text(ACCESS_KEY_SECRET, "AccessKey secret", CREDENTIALS, "the AccessKey's secret")
                    .asSecret()
                    .asRequired(),
            SettingSpec.text(PROJECT, "Default project", DESTINATION, "the project databases go to unless mapped")
                    .asRequired(),
            SettingSpec.text(
                    PROJECT_MAPPING,
                    "Project mapping",
                    DESTINATION,
                    "JSON: source database to project or project.schema, e.g. {\"sales\":\"proj_a\"}"),
            SettingSpec.text(
                    JOBS_PROJECT, "Jobs project", DESTINATION, "the project SQL jobs run in; blank: the default"),
            SettingSpec.text(LIFECYCLE, "Lifecycle (days)", DESTINATION, "lifecycle of created tables; blank: none")
                    .typed(Type.INTEGER),
            SettingSpec.text(
                    FOLD_PARTITION_KEYS,
                    "Fold partition keys",
                    DESTINATION,
                    "tables over 60,000 partitions or 6 levels: DB.TABLE:N folds its last N partition keys into"
                            + " columns; auto: the fewest that fit"),
            SettingSpec.text(
                    CHARMAP_TABLE, "Table name characters", NAMES, "JSON: characters to replace, e.g. {\"%\":\"_\"}"),
            SettingSpec.text(
                    CHARMAP_COLUMN, "Column name characters", NAMES, "JSON: characters to replace in column names"),
            SettingSpec.text(
                    CHARMAP_PARTITION,
                    "Partition value characters",
                    NAMES,
                    "JSON: characters to replace in partition values"));

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "Alibaba Cloud MaxCompute";
    }

    @Override
    public String shortName() {
        return "MaxCompute";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.READ, Capability.WRITE, Capability.VIEWS);
    }

    @Override
    public TypeSystem typeSystem() {
        return TypeSystem.MAXCOMPUTE;
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
    public MaxComputeConnector open(ConnectorSettings settings, CallSettings calls) {
        return new MaxComputeConnector(config(settings, calls));
    }

    @Override
    public WriterLimits writerLimits(ConnectorSettings settings) {
        return MaxComputeCatalogWriter.LIMITS;
    }

    @Override
    public Optional<UnaryOperator<CatalogObject>> storedForm() {
        return Optional.of(new MaxComputeStoredForm());
    }

    /** "MaxCompute proj_a @ service.cn-hangzhou.maxcompute.aliyun.com": never a credential. */
    @Override
    public String describe(ConnectorSettings settings) {
        String host = settings.get(ENDPOINT)
                .map(e -> {
                    try {
                        URI uri = new URI(e);
                        return uri.getHost() == null ? e : uri.getHost();
                    } catch (java.net.URISyntaxException x) {
                        return e;
                    }
                })
                .orElse("?");
        return "MaxCompute " + settings.get(PROJECT).orElse("?") + " @ " + host;
    }

    /**
     * The connection settings.
     *
     * @throws IllegalArgumentException naming the first error when the settings do not pass {@link #check}
     */
    public static MaxComputeConnectorConfig config(ConnectorSettings settings, CallSettings calls) {
        SettingsCheck check = SettingsCheck.of(settings);
        return check.orThrow(read(check, calls));
    }

    private static MaxComputeConnectorConfig read(SettingsCheck s, CallSettings calls) {
        Optional<URI> endpoint = Optional.ofNullable(s.required(ENDPOINT, "the MaxCompute API endpoint URL"))
                .flatMap(e -> s.httpUri(ENDPOINT, e));
        Optional<URI> tunnel = s.optional(TUNNEL_ENDPOINT).flatMap(e -> s.httpUri(TUNNEL_ENDPOINT, e));
        String keyId = s.required(ACCESS_KEY_ID, "an Alibaba Cloud AccessKey id");
        if (keyId != null) {
            s.noWhitespace(ACCESS_KEY_ID, keyId);
        }
        String secret = s.required(ACCESS_KEY_SECRET, "the AccessKey's secret");
        String project = s.required(PROJECT, "the default destination project");
        if (project != null && !Namespace.isName(project)) {
            s.error(
                    PROJECT,
                    "'" + project + "' is not a MaxCompute project name (a letter, then letters, digits or _)");
            project = null;
        }
        Map<String, Namespace> mapping = mapping(s);
        String jobs = s.optional(JOBS_PROJECT).orElse(project);
        if (s.optional(JOBS_PROJECT).isPresent() && !Namespace.isName(jobs)) {
            s.error(
                    JOBS_PROJECT,
                    "'" + jobs + "' is not a MaxCompute project name (a letter, then letters, digits or _)");
        }
        for (String key : List.of(CHARMAP_TABLE, CHARMAP_COLUMN, CHARMAP_PARTITION)) {
            s.optional(key).ifPresent(json -> checkCharacterMapping(s, key, json));
        }
        int lifecycle = s.integer(LIFECYCLE, 0, 1, 37231);
        s.optional(FOLD_PARTITION_KEYS).ifPresent(text -> {
            try {
                dev.lakeport.naming.PartitionFolding.parse(text);
            } catch (IllegalArgumentException e) {
                s.error(FOLD_PARTITION_KEYS, e.getMessage());
            }
        });
        if (endpoint.isEmpty() || keyId == null || secret == null || project == null || s.hasErrors()) {
            return null;
        }
        return new MaxComputeConnectorConfig(
                endpoint.get(),
                tunnel,
                keyId,
                Secret.of(secret),
                project.toLowerCase(java.util.Locale.ROOT),
                mapping,
                jobs.toLowerCase(java.util.Locale.ROOT),
                lifecycle == 0 ? OptionalInt.empty() : OptionalInt.of(lifecycle),
                calls.callTimeout(),
                calls.retryDeadline());
    }

    private static Map<String, Namespace> mapping(SettingsCheck s) {
        Map<String, Namespace> mapping = new LinkedHashMap<>();
        Optional<String> text = s.optional(PROJECT_MAPPING);
        if (text.isEmpty()) {
            return mapping;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text.get());
        } catch (JsonProcessingException e) {
            s.error(PROJECT_MAPPING, "is not JSON: " + e.getOriginalMessage());
            return mapping;
        }
        if (node == null || !node.isObject()) {
            s.error(
                    PROJECT_MAPPING,
                    "must be a JSON object of source database to project or project.schema, e.g."
                            + " {\"sales\":\"proj_a\",\"finance\":\"proj_b.finance\"}");
            return mapping;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                s.error(
                        PROJECT_MAPPING,
                        "entry \"" + e.getKey() + "\": the target must be a string, not " + e.getValue());
                continue;
            }
            try {
                mapping.put(e.getKey(), Namespace.parse(e.getValue().asText()));
            } catch (IllegalArgumentException x) {
                s.error(PROJECT_MAPPING, "entry \"" + e.getKey() + "\": " + x.getMessage());
            }
        }
        return mapping;
    }

    /**
     * Checks a character mapping only; the route's mapping applies it. Read by the same rules as there
     * ({@link CharacterReplacements}), so a setting that passes here is one the mapping can use.
     */
    private static void checkCharacterMapping(SettingsCheck s, String key, String json) {
        try {
            CharacterReplacements.parse(json);
        } catch (IllegalArgumentException e) {
            s.error(key, e.getMessage());
        }
    }
}
