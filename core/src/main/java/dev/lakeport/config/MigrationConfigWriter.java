package dev.lakeport.config;

import static dev.lakeport.config.ConfigKeys.*;
import static java.util.Objects.requireNonNull;

import dev.lakeport.config.MigrationConfig.TableName;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.filter.PartitionFilter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a configuration as a seed-style application.properties ("export"), readable by the seed's tool and by
 * {@link MigrationConfigLoader}. Credentials are never written: their keys are present with empty values and a
 * comment says where to put them. Everything else round-trips: loading the file gives
 * {@link MigrationConfig#withoutSecrets()}. Lakeport's own keys are written only when they differ from their
 * defaults. Partition filters are written in their canonical form.
 */
public final class MigrationConfigWriter {

    private MigrationConfigWriter() {}

    /** Writes the file as UTF-8 (what the loader reads first). */
    public static void write(MigrationConfig config, Path file) throws IOException {
        requireNonNull(file, "file is null");
        Files.writeString(file, toProperties(config), StandardCharsets.UTF_8);
    }

    public static void write(MigrationConfig config, Writer out) throws IOException {
        requireNonNull(out, "out is null");
        out.write(toProperties(config));
        out.flush();
    }

    /**
     * One side's connector settings: its kind when it is not the default, its credential keys blank (credentials are
     * never exported), then every other setting that is set or required, in the connector's order.
     */
    private static void side(
            StringBuilder out,
            String role,
            String typeKey,
            String defaultKind,
            MigrationConfig.Side side,
            String prefix) {
        CatalogConnector connector = side.connector();
        comment(out, role + ": " + connector.displayName());
        if (!side.kind().equals(defaultKind)) {
            put(out, typeKey, side.kind());
        }
        // The seed's credential keys are always there to fill in; Lakeport's own (a session token) when they were set.
        List<SettingSpec> secrets = connector.settings().stream()
                .filter(SettingSpec::secret)
                .filter(spec -> !spec.key().startsWith("lakeport.")
                        || side.settings().secret(spec.key()).isPresent())
                .toList();
        if (!secrets.isEmpty()) {
            comment(out, "Put your AccessKey pair here, or leave the keys blank to use a profile or the default");
            comment(out, "credentials (see the settings below).");
            secrets.forEach(spec -> blank(out, prefix + spec.key()));
        }
        for (SettingSpec spec : connector.settings()) {
            if (spec.secret()) {
                continue;
            }
            java.util.Optional<String> value = side.settings().get(spec.key());
            if (value.isPresent()) {
                put(out, prefix + spec.key(), value.get());
            } else if (spec.required()) {
                blank(out, prefix + spec.key());
            }
        }
        out.append('\n');
    }

    /** The file's text. */
    public static String toProperties(MigrationConfig config) {
        requireNonNull(config, "config is null");
        StringBuilder out = new StringBuilder();
        MigrationConfig.Selection selection = config.selection();
        MigrationConfig.Run run = config.run();

        comment(
                out,
                "Written by Lakeport. Credentials are never exported: fill in the blank keys below, or leave them");
        comment(out, "blank to use a profile or the default credentials.");
        out.append('\n');
        side(out, "Source", SOURCE_TYPE, DEFAULT_SOURCE_TYPE, config.source(), "");
        comment(out, "Migration mode. Use fixed values.");
        put(out, MODE, run.mode().value());
        put(out, COMPARE_PARTITION, Boolean.toString(selection.comparePartition()));
        out.append('\n');
        side(
                out,
                "Destination",
                DESTINATION_TYPE,
                DEFAULT_DESTINATION_TYPE,
                config.destination(),
                config.source().kind().equals(config.destination().kind()) ? DESTINATION_PREFIX : "");
        comment(out, "Table location mapping: maps S3 paths to OSS paths.");
        comment(out, "Format: {\"<source-s3-path>\":\"<destination-oss-path>\"}");
        put(out, LOCATION_CONVERT_MAP, config.locationMapper().toJson());
        out.append('\n');
        comment(out, "Optional settings");
        optional(out, AWS_DATABASES, String.join(",", selection.databases()));
        optional(out, AWS_TABLE_FILTER_PREFIX, String.join(",", selection.tablePrefixes()));
        for (Map.Entry<TableName, PartitionFilter> e :
                selection.partitionFilters().entrySet()) {
            put(
                    out,
                    AWS_PARTITION_FILTER_PREFIX + e.getKey().database() + "."
                            + e.getKey().table(),
                    e.getValue().toGlueExpression());
        }
        optional(out, RESULT_OUTPUT_PATH, run.resultOutputPath().orElse(""));

        StringBuilder ext = new StringBuilder();
        if (run.concurrency() != DEFAULT_CONCURRENCY) {
            put(ext, CONCURRENCY, Integer.toString(run.concurrency()));
        }
        if (run.rate() != DEFAULT_RATE) {
            put(ext, RATE, number(run.rate()));
        }
        if (run.allowDeletes()) {
            put(ext, ALLOW_DELETES, "true");
        }
        optional(ext, DATABASES_EXCLUDE, String.join(",", selection.excludedDatabases()));
        optional(ext, TABLES_INCLUDE, String.join(",", selection.includedTables()));
        optional(ext, TABLES_EXCLUDE, String.join(",", selection.excludedTables()));
        run.project().ifPresent(p -> put(ext, PROJECT, p.toString()));
        MigrationConfig.Calls calls = config.calls();
        MigrationConfig.Calls defaults = MigrationConfig.Calls.defaults();
        if (!calls.functions()) {
            put(ext, FUNCTIONS, "false");
        }
        if (!calls.callTimeout().equals(defaults.callTimeout())) {
            put(ext, CALL_TIMEOUT, duration(calls.callTimeout()));
        }
        if (!calls.retryDeadline().equals(defaults.retryDeadline())) {
            put(ext, RETRY_DEADLINE, duration(calls.retryDeadline()));
        }
        if (ext.length() > 0) {
            out.append('\n');
            comment(out, "Lakeport settings (the seed's tool ignores them)");
            out.append(ext);
        }
        return out.toString();
    }

    /** A duration in the loader's syntax, in the largest unit that keeps it whole: {@code 20s}, {@code 2m}. */
    static String duration(java.time.Duration d) {
        return dev.lakeport.connector.SettingsCheck.formatDuration(d);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static void comment(StringBuilder out, String text) {
        out.append("## ").append(text).append('\n');
    }

    private static void blank(StringBuilder out, String key) {
        out.append(escapeKey(key)).append("=\n");
    }

    private static void optional(StringBuilder out, String key, String value) {
        if (!value.isEmpty()) {
            put(out, key, value);
        }
    }

    private static void put(StringBuilder out, String key, String value) {
        out.append(escapeKey(key)).append('=').append(escapeValue(value)).append('\n');
    }

    /** java.util.Properties syntax: separators, comment marks and spaces in keys need a backslash. */
    static String escapeKey(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ' || c == ':' || c == '=' || c == '#' || c == '!' || c == '\\') {
                sb.append('\\');
            }
            appendChar(sb, c);
        }
        return sb.toString();
    }

    static String escapeValue(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == ' ' && i == 0) {
                // A leading space would be taken as part of the separator.
                sb.append("\\ ");
            } else {
                appendChar(sb, c);
            }
        }
        return sb.toString();
    }

    private static void appendChar(StringBuilder sb, char c) {
        switch (c) {
            case '\n':
                sb.append("\\n");
                break;
            case '\r':
                sb.append("\\r");
                break;
            case '\t':
                sb.append("\\t");
                break;
            case '\f':
                sb.append("\\f");
                break;
            default:
                sb.append(c);
        }
    }
}
