package dev.lakeport.config;

import static dev.lakeport.config.ConfigKeys.*;
import static java.util.Objects.requireNonNull;

import dev.lakeport.config.MigrationConfig.TableName;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.connector.SettingsCheck;
import dev.lakeport.filter.FilterSyntaxException;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.Scope;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a seed-style application.properties (the seed's keys unchanged, plus {@code lakeport.*} extensions) into a
 * {@link MigrationConfig}, the file read by {@link PropertiesText} (UTF-8, or a byte-order mark's UTF-8 / UTF-16).
 * It checks everything and reports every problem at once in a {@link ConfigException};
 * unknown keys are warnings ("did you mean ...?"), not errors, since files may carry keys of other tools. It reads
 * the file and nothing else: no network, no credential files.
 *
 * <table>
 *   <caption>Keys, defaults and meaning</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>aws.accessKeyId, aws.secretAccessKey</td><td>blank</td><td>an AWS access key pair; blank (as on an
 *       AWS EMR cluster): lakeport.aws.profile if set, else the AWS default chain. Give both or neither.</td></tr>
 *   <tr><td>aws.region</td><td>required</td><td>Glue's region, e.g. eu-central-1</td></tr>
 *   <tr><td>aws.catalogId</td><td>the account</td><td>12-digit AWS account id of the Glue catalog</td></tr>
 *   <tr><td>mode</td><td>increment</td><td>the only value: compare and apply differences (see {@link Mode})</td></tr>
 *   <tr><td>comparePartition</td><td>true</td><td>false leaves partitions out of the run</td></tr>
 *   <tr><td>aliyun.accessKeyId, aliyun.secretAccessKey</td><td>blank</td><td>an Aliyun AccessKey pair; blank:
 *       lakeport.aliyun.credentialsFile / lakeport.aliyun.profile if set, else the Alibaba default chain</td></tr>
 *   <tr><td>aliyun.region</td><td>required</td><td>DLF's region, e.g. cn-hangzhou</td></tr>
 *   <tr><td>aliyun.endpoint</td><td>required</td><td>DLF endpoint, host[:port] (a http:// or https:// URL is
 *       accepted and sets the protocol)</td></tr>
 *   <tr><td>aliyun.catalogId</td><td>the account's</td><td>DLF catalog id</td></tr>
 *   <tr><td>location.convertMap</td><td>required</td><td>JSON object of source prefix to destination prefix; {} for
 *       none</td></tr>
 *   <tr><td>aws.databases</td><td>all</td><td>comma-separated databases</td></tr>
 *   <tr><td>aws.table.filter.prefix</td><td>all</td><td>comma-separated table-name prefixes</td></tr>
 *   <tr><td>aws.partition.filter.&lt;db&gt;.&lt;table&gt;</td><td>all</td><td>partition filter, e.g.
 *       dt&gt;=20220101</td></tr>
 *   <tr><td>result.output.path</td><td>none</td><td>where detailed result logs go: a local folder (relative: beside the
 *       file read), a file: URI, or oss://, s3://, hdfs:// (the Spark job's); other schemes are refused</td></tr>
 *   <tr><td>lakeport.aws.endpoint</td><td>regional</td><td>Glue endpoint URI (http/https)</td></tr>
 *   <tr><td>lakeport.aws.profile</td><td>none</td><td>AWS shared-config profile, used when the keys are blank</td></tr>
 *   <tr><td>lakeport.aws.sessionToken</td><td>none</td><td>session token for temporary keys</td></tr>
 *   <tr><td>lakeport.aliyun.protocol</td><td>HTTPS</td><td>HTTP or HTTPS</td></tr>
 *   <tr><td>lakeport.aliyun.credentialsFile</td><td>Aliyun CLI default</td><td>Aliyun credentials file</td></tr>
 *   <tr><td>lakeport.aliyun.profile</td><td>default</td><td>profile in that file</td></tr>
 *   <tr><td>lakeport.glue.segments</td><td>4</td><td>parallel GetPartitions segments, 1-10</td></tr>
 *   <tr><td>lakeport.concurrency</td><td>32</td><td>concurrent catalog calls, 1-1024</td></tr>
 *   <tr><td>lakeport.rate</td><td>0</td><td>catalog calls per second, 0 = unlimited</td></tr>
 *   <tr><td>lakeport.allowDeletes</td><td>false</td><td>delete DLF objects missing from Glue (seed: dlfNew)</td></tr>
 *   <tr><td>lakeport.databases.exclude</td><td>none</td><td>databases never migrated</td></tr>
 *   <tr><td>lakeport.tables.include</td><td>all</td><td>db.table or table entries, * wildcards</td></tr>
 *   <tr><td>lakeport.tables.exclude</td><td>none</td><td>db.table or table entries, * wildcards</td></tr>
 *   <tr><td>lakeport.project</td><td>none</td><td>path of the Lakeport project file (relative: beside the file
 *       read)</td></tr>
 *   <tr><td>lakeport.functions</td><td>true</td><td>false leaves user-defined functions out of load, diff and apply
 *       on both sides (for a catalog without functions)</td></tr>
 *   <tr><td>lakeport.callTimeout</td><td>20s</td><td>the longest one catalog call may take (ms, s, m or h)</td></tr>
 *   <tr><td>lakeport.retryDeadline</td><td>2m</td><td>the longest one call keeps being retried</td></tr>
 *   <tr><td>lakeport.glue.pageSize, lakeport.glue.batchSize</td><td>1000, 100</td><td>largest Glue page and
 *       partition batch</td></tr>
 *   <tr><td>lakeport.dlf.pageSize, lakeport.dlf.batchSize</td><td>1000, 100</td><td>largest DLF page and partition
 *       batch</td></tr>
 * </table>
 */
public final class MigrationConfigLoader {

    /** A loaded configuration and what the user should look at although it loaded. */
    public record Result(MigrationConfig config, List<ConfigProblem> warnings) {
        public Result {
            requireNonNull(config, "config is null");
            warnings = List.copyOf(warnings);
        }
    }

    /** A URI scheme (two letters or more: {@code C:\\} is a Windows drive) followed by a slash. */
    private static final Pattern URI_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):/");

    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");

    private MigrationConfigLoader() {}

    /** A duration as the configuration writes it ({@code 50ms}, {@code 2s}, {@code PT1M}); empty if it is not one. */
    public static Optional<Duration> parseDuration(String text) {
        return SettingsCheck.parseDuration(text);
    }

    /**
     * Reads a file: UTF-8, or UTF-8 / UTF-16 with a byte-order mark ({@link PropertiesText}). A relative
     * {@code result.output.path} is taken to be beside the file.
     *
     * @throws ConfigException listing every problem, or naming the file when it cannot be read
     */
    public static Result load(Path file) {
        requireNonNull(file, "file is null");
        String text = PropertiesText.read(file);
        Path directory = file.toAbsolutePath().getParent();
        return load(new StringReader(text), file.toString(), Optional.ofNullable(directory));
    }

    /** Reads properties text; {@code source} names it in messages. */
    public static Result load(Reader reader, String source) {
        return load(reader, source, Optional.empty());
    }

    private static Result load(Reader reader, String source, Optional<Path> directory) {
        requireNonNull(reader, "reader is null");
        requireNonNull(source, "source is null");
        List<ConfigProblem> warnings = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                // a byte-order mark read as text would otherwise become part of the first key
                String name = ((String) key).startsWith("\uFEFF") ? ((String) key).substring(1) : (String) key;
                if (values.containsKey(name)) {
                    warnings.add(new ConfigProblem(name, "set more than once; the last value is used"));
                }
                values.put(name, (String) value);
                return super.put(name, value);
            }
        };
        try {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(source, List.of(new ConfigProblem(source, "cannot be read: " + e.getMessage())));
        }
        return fromMap(values, source, warnings, directory);
    }

    /** Reads settings already split into keys and values (e.g. from the wizard). */
    public static Result fromMap(Map<String, String> settings, String source) {
        return fromMap(settings, source, new ArrayList<>(), Optional.empty());
    }

    private static Result fromMap(
            Map<String, String> settings, String source, List<ConfigProblem> warnings, Optional<Path> directory) {
        requireNonNull(settings, "settings is null");
        Reading r = new Reading(settings, warnings, directory);
        MigrationConfig config = r.read();
        if (!r.errors.isEmpty()) {
            throw new ConfigException(source, r.errors);
        }
        return new Result(config, r.warnings);
    }

    /** One pass over the settings, collecting every error and warning. */
    private static final class Reading {
        private final Map<String, String> settings;
        private final List<ConfigProblem> errors = new ArrayList<>();
        private final List<ConfigProblem> warnings;

        /** Where the settings' file is; relative paths in it are taken to be beside it. */
        private final Optional<Path> directory;

        /** The shared checks of single values; {@link #flush} moves their problems into this reading's lists. */
        private final SettingsCheck check;

        private int flushed;

        Reading(Map<String, String> settings, List<ConfigProblem> warnings, Optional<Path> directory) {
            this.settings = new TreeMap<>(settings);
            this.check = new SettingsCheck(this.settings);
            this.warnings = warnings;
            this.directory = directory;
        }

        MigrationConfig read() {
            checkKeys();
            MigrationConfig.Side source = readSide(SOURCE_TYPE, DEFAULT_SOURCE_TYPE, "");
            MigrationConfig.Side destination = readSide(
                    DESTINATION_TYPE,
                    DEFAULT_DESTINATION_TYPE,
                    source != null && source.kind().equals(kind(DESTINATION_TYPE, DEFAULT_DESTINATION_TYPE))
                            ? DESTINATION_PREFIX
                            : "");
            MigrationConfig.Selection selection = readSelection();
            MigrationConfig.Run run = readRun();
            LocationMapper mapper = readConvertMap();
            MigrationConfig.Calls calls = readCalls();
            if (!errors.isEmpty()) {
                return null;
            }
            return new MigrationConfig(source, destination, selection, run, mapper, calls);
        }

        // ---- source and destination ----------------------------------------------------------------------------

        private String kind(String key, String fallback) {
            return optional(key).orElse(fallback).toLowerCase(Locale.ROOT);
        }

        /**
         * One side: its kind ({@code lakeport.source.type} / {@code lakeport.destination.type}) and that connector's
         * settings, checked by the connector. A destination of the same kind as the source reads its keys under
         * {@code lakeport.destination.} (e.g. {@code lakeport.destination.hive.metastore.uris}).
         */
        private MigrationConfig.Side readSide(String typeKey, String fallback, String prefix) {
            String kind = kind(typeKey, fallback);
            Optional<CatalogConnector> connector = ConnectorRegistry.standard().find(kind);
            if (connector.isEmpty()) {
                error(
                        typeKey,
                        "'" + kind + "' is not a catalog Lakeport knows; use one of "
                                + String.join(", ", ConnectorRegistry.standard().kinds()));
                return null;
            }
            Map<String, String> own = new TreeMap<>();
            for (SettingSpec spec : connector.get().settings()) {
                String value = settings.get(prefix + spec.key());
                if (value != null) {
                    own.put(spec.key(), value);
                }
            }
            ConnectorSettings side = ConnectorSettings.of(connector.get(), own);
            List<SettingProblem> problems = new ArrayList<>(connector.get().check(side));
            for (SettingProblem problem : problems) {
                if (problem.error()) {
                    error(prefix + problem.key(), problem.message());
                } else {
                    warn(prefix + problem.key(), problem.message());
                }
            }
            return new MigrationConfig.Side(kind, side);
        }

        // ---- scope ---------------------------------------------------------------------------------------------

        private MigrationConfig.Selection readSelection() {
            List<String> databases = list(AWS_DATABASES);
            List<String> prefixes = list(AWS_TABLE_FILTER_PREFIX);
            optional(AWS_TABLE_FILTER_PREFIX).ifPresent(v -> {
                if (v.contains(" ")) {
                    warn(AWS_TABLE_FILTER_PREFIX, "spaces around prefixes are ignored");
                }
            });
            boolean comparePartition = bool(COMPARE_PARTITION, true);
            List<String> excludedDatabases = list(DATABASES_EXCLUDE);
            List<String> includedTables = tableEntries(TABLES_INCLUDE);
            List<String> excludedTables = tableEntries(TABLES_EXCLUDE);
            Map<TableName, PartitionFilter> filters = new TreeMap<>();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                if (!e.getKey().startsWith(AWS_PARTITION_FILTER_PREFIX)) {
                    continue;
                }
                String key = e.getKey();
                String rest = key.substring(AWS_PARTITION_FILTER_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || dot == rest.length() - 1) {
                    error(
                            key,
                            "expected " + AWS_PARTITION_FILTER_PREFIX + "<db>.<table>, e.g. "
                                    + AWS_PARTITION_FILTER_PREFIX + "sales.orders");
                    continue;
                }
                String value = e.getValue().trim();
                if (value.isEmpty()) {
                    warn(key, "empty, so all partitions of the table are migrated");
                    continue;
                }
                TableName table = new TableName(rest.substring(0, dot), rest.substring(dot + 1));
                try {
                    PartitionFilter filter = PartitionFilter.parse(value);
                    if (filters.put(table, filter) != null) {
                        warn(key, "another key names the same table; this filter is used");
                    }
                } catch (FilterSyntaxException ex) {
                    error(key, "invalid partition filter: " + ex.getMessage());
                    continue;
                }
                if (!databases.isEmpty() && databases.stream().noneMatch(d -> d.equalsIgnoreCase(table.database()))) {
                    warn(key, "has no effect: database " + table.database() + " is not in " + AWS_DATABASES);
                } else if (!prefixes.isEmpty()
                        && prefixes.stream().noneMatch(p -> table.table().startsWith(p.toLowerCase(Locale.ROOT)))) {
                    warn(
                            key,
                            "has no effect: table " + table.table() + " does not start with a prefix of "
                                    + AWS_TABLE_FILTER_PREFIX);
                }
                if (!comparePartition) {
                    warn(key, "has no effect: comparePartition is false");
                }
            }
            return new MigrationConfig.Selection(
                    databases, prefixes, filters, comparePartition, excludedDatabases, includedTables, excludedTables);
        }

        private List<String> tableEntries(String key) {
            List<String> entries = list(key);
            for (String entry : entries) {
                if (entry.startsWith(".") || entry.endsWith(".")) {
                    error(key, "entry '" + entry + "' must be db.table or table");
                }
            }
            return entries;
        }

        // ---- run -----------------------------------------------------------------------------------------------

        private MigrationConfig.Run readRun() {
            Mode mode = Mode.INCREMENT;
            Optional<String> modeText = optional(MODE);
            if (modeText.isPresent()) {
                Optional<Mode> parsed = Mode.parse(modeText.get());
                if (parsed.isPresent()) {
                    mode = parsed.get();
                } else {
                    error(
                            MODE,
                            "'" + modeText.get() + "' is not supported; use mode=increment (compare both"
                                    + " catalogs and apply only the differences; deletions need lakeport.allowDeletes=true)");
                }
            }
            int concurrency = integer(CONCURRENCY, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
            double rate = DEFAULT_RATE;
            Optional<String> rateText = optional(RATE);
            if (rateText.isPresent()) {
                try {
                    rate = Double.parseDouble(rateText.get());
                    if (!(rate >= 0) || Double.isInfinite(rate)) {
                        error(
                                RATE,
                                "must be 0 (unlimited) or a positive number of calls per second, got "
                                        + rateText.get());
                        rate = DEFAULT_RATE;
                    }
                } catch (NumberFormatException e) {
                    error(RATE, "'" + rateText.get() + "' is not a number of calls per second (0 = unlimited)");
                }
            }
            boolean allowDeletes = bool(ALLOW_DELETES, false);
            Optional<String> output = optional(RESULT_OUTPUT_PATH).flatMap(this::outputPath);
            // like result.output.path: a relative project file is beside the settings' file, not the working folder
            Optional<Path> project = optional(PROJECT)
                    .flatMap(p -> path(PROJECT, p))
                    .map(p -> p.isAbsolute() || directory.isEmpty()
                            ? p
                            : directory.get().resolve(p).normalize());
            return new MigrationConfig.Run(mode, concurrency, rate, allowDeletes, output, project);
        }

        /**
         * A local directory (relative ones are taken to be beside the settings' file), a {@code file:} URI, or a
         * cluster file system's location for the Spark job. Any other scheme would have become a local folder named
         * after it ({@code ftp:/x/}), so it is refused.
         */
        private Optional<String> outputPath(String text) {
            Matcher scheme = URI_SCHEME.matcher(text);
            if (scheme.lookingAt()) {
                String name = scheme.group(1).toLowerCase(Locale.ROOT);
                if (name.equals("file")) {
                    try {
                        URI uri = new URI(text);
                        Path.of(uri);
                        return Optional.of(text);
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        error(
                                RESULT_OUTPUT_PATH,
                                "'" + text
                                        + "' is not a file: URI of a local directory, e.g. file:///var/lakeport/results/"
                                        + " (" + e.getMessage() + ")");
                        return Optional.empty();
                    }
                }
                if (CLUSTER_FILE_SYSTEMS.contains(name)) {
                    return Optional.of(text);
                }
                error(
                        RESULT_OUTPUT_PATH,
                        "'" + text + "': Lakeport cannot write to " + name + ": locations; give a local directory (or"
                                + " a file: URI) for runs from this computer, or an oss://, s3:// or hdfs:// location"
                                + " for the Spark job");
                return Optional.empty();
            }
            Optional<Path> path = path(RESULT_OUTPUT_PATH, text);
            if (path.isEmpty()) {
                return Optional.empty();
            }
            if (!path.get().isAbsolute() && directory.isPresent()) {
                return Optional.of(
                        directory.get().resolve(path.get()).normalize().toString());
            }
            return Optional.of(text);
        }

        private MigrationConfig.Calls readCalls() {
            MigrationConfig.Calls d = MigrationConfig.Calls.defaults();
            boolean functions = bool(FUNCTIONS, true);
            Duration callTimeout = duration(CALL_TIMEOUT, d.callTimeout(), Duration.ofMillis(100), Duration.ofHours(1));
            Duration deadline =
                    duration(RETRY_DEADLINE, d.retryDeadline(), Duration.ofSeconds(1), Duration.ofHours(24));
            return new MigrationConfig.Calls(functions, callTimeout, deadline);
        }

        /** {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT20S}), or a number of seconds. */
        private Duration duration(String key, Duration fallback, Duration min, Duration max) {
            return flush(check.duration(key, fallback, min, max));
        }

        private LocationMapper readConvertMap() {
            String json = required(
                    LOCATION_CONVERT_MAP,
                    "a JSON object of source location prefix to destination prefix, e.g."
                            + " {\"s3://bucket/warehouse/\":\"oss://bucket/warehouse/\"} ({} for none)");
            if (json == null) {
                return LocationMapper.identity();
            }
            try {
                LocationMapper mapper = LocationMapper.parse(json);
                mapper.entries().forEach((source, target) -> {
                    String from = source.toLowerCase(Locale.ROOT);
                    boolean s3 = from.startsWith("s3://") || from.startsWith("s3a://") || from.startsWith("s3n://");
                    if (s3 && !target.toLowerCase(Locale.ROOT).startsWith("oss://")) {
                        warn(
                                LOCATION_CONVERT_MAP,
                                "entry \"" + source + "\": \"" + target
                                        + "\" maps an S3 prefix to a location that is not"
                                        + " oss://; DLF's engines read table data from OSS, so check that they can"
                                        + " read " + target);
                    }
                });
                return mapper;
            } catch (InvalidMappingException e) {
                error(LOCATION_CONVERT_MAP, e.problem());
                return LocationMapper.identity();
            }
        }

        // ---- keys and values -----------------------------------------------------------------------------------

        private void checkKeys() {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                String key = e.getKey();
                String value = e.getValue() == null ? "" : e.getValue().trim();
                if (PLACEHOLDER.matcher(value).matches()) {
                    error(
                            key,
                            "still holds the placeholder " + value + "; put the real value in, or leave it"
                                    + " blank where a default applies");
                }
                if (KNOWN.contains(key)
                        || key.startsWith(AWS_PARTITION_FILTER_PREFIX)
                        || key.startsWith(dev.lakeport.mapping.ExclusionRules.PREFIX)
                        || key.startsWith(ConfigKeys.CLUSTER_PROFILE_PREFIX)) {
                    // exclusion rules: the project takes them in when it is opened, and the Spark job reads them
                    // (ExclusionRules); cluster profiles: read from the project's settings (submit, copy
                    // --spark-profile), checked there
                    continue;
                }
                warn(
                        key,
                        "unknown key, ignored"
                                + suggestion(key)
                                        .map(s -> "; did you mean " + s + "?")
                                        .orElse(""));
            }
        }

        private static Optional<String> suggestion(String key) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith(AWS_PARTITION_FILTER_PREFIX.toLowerCase(Locale.ROOT))
                    || (lower.contains("partition") && lower.contains("filter"))) {
                return Optional.of(AWS_PARTITION_FILTER_PREFIX + "<db>.<table>");
            }
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String known : KNOWN) {
                int d = distance(lower, known.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = known;
                }
            }
            int allowed = Math.max(2, key.length() / 5);
            return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
        }

        /** Levenshtein distance; keys are short, so the quadratic table is fine. */
        private static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }

        private String get(String key) {
            return check.get(key);
        }

        /** Blank counts as unset: the seed tells users to leave keys blank. Placeholders were reported already. */
        private Optional<String> optional(String key) {
            return check.optional(key);
        }

        private String required(String key, String what) {
            return flush(check.required(key, what));
        }

        /**
         * A comma-separated list. A blank entry ({@code sales,,web}, a trailing comma) is a warning; a value of blank
         * entries only is an error, since an empty list means "all" and would silently widen the scope.
         */
        private List<String> list(String key) {
            String text = optional(key).orElse("");
            List<String> entries = Scope.splitList(text);
            if (!text.isEmpty() && text.split(",", -1).length != entries.size()) {
                if (entries.isEmpty()) {
                    error(key, "'" + text + "' has only blank entries; name at least one, or leave the key blank");
                } else {
                    warn(
                            key,
                            "'" + text + "' has a blank entry (two commas in a row, or one at an end); it is ignored");
                }
            }
            return entries;
        }

        private boolean bool(String key, boolean fallback) {
            return flush(check.bool(key, fallback));
        }

        private int integer(String key, int fallback, int min, int max) {
            return flush(check.integer(key, fallback, min, max));
        }

        private Optional<Path> path(String key, String text) {
            return flush(check.path(key, text));
        }

        /** Moves what the shared check found into this reading's lists, returning {@code value}. */
        private <T> T flush(T value) {
            for (SettingProblem p :
                    check.problems().subList(flushed, check.problems().size())) {
                if (p.error()) {
                    error(p.key(), p.message());
                } else {
                    warn(p.key(), p.message());
                }
            }
            flushed = check.problems().size();
            return value;
        }

        private void error(String key, String problem) {
            errors.add(new ConfigProblem(key, problem));
        }

        private void warn(String key, String problem) {
            warnings.add(new ConfigProblem(key, problem));
        }
    }
}
