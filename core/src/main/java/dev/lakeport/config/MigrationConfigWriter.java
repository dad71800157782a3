package dev.lakeport.config;

import static dev.lakeport.config.ConfigKeys.*;
import static java.util.Objects.requireNonNull;

import dev.lakeport.config.MigrationConfig.TableName;
import dev.lakeport.mapping.PartitionFilter;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.AwsCredentials;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The file's text. */
    public static String toProperties(MigrationConfig config) {
        requireNonNull(config, "config is null");
        StringBuilder out = new StringBuilder();
        MigrationConfig.Aws aws = config.aws();
        MigrationConfig.Aliyun aliyun = config.aliyun();
        MigrationConfig.Selection selection = config.selection();
        MigrationConfig.Run run = config.run();

        comment(
                out,
                "Written by Lakeport. Credentials are never exported: fill in the blank keys below, or leave them");
        comment(out, "blank to use a profile or the default credentials.");
        out.append('\n');
        comment(out, "AWS credentials");
        comment(out, "Put your AccessKey pair here, or leave blank when submitting from an AWS EMR cluster");
        comment(out, "(then lakeport.aws.profile, if set, or the AWS default credential chain is used).");
        blank(out, AWS_ACCESS_KEY_ID);
        blank(out, AWS_SECRET_ACCESS_KEY);
        if (aws.credentials() instanceof AwsCredentials.StaticKeys keys
                && keys.sessionToken().isPresent()) {
            comment(out, "The keys were temporary: put their session token here.");
            blank(out, AWS_SESSION_TOKEN);
        }
        out.append('\n');
        comment(out, "AWS region");
        put(out, AWS_REGION, aws.region());
        out.append('\n');
        comment(out, "ID of the AWS Glue Data Catalog. Defaults to your AWS account ID.");
        put(out, AWS_CATALOG_ID, aws.catalogId().orElse(""));
        out.append('\n');
        comment(out, "Migration mode. Use fixed values.");
        put(out, MODE, run.mode().value());
        put(out, COMPARE_PARTITION, Boolean.toString(selection.comparePartition()));
        out.append('\n');
        comment(out, "Alibaba Cloud credentials. The account must have DLF access permissions.");
        comment(out, "Put your AccessKey pair here, or leave blank to use lakeport.aliyun.credentialsFile /");
        comment(out, "lakeport.aliyun.profile or the Alibaba Cloud default credential chain.");
        blank(out, ALIYUN_ACCESS_KEY_ID);
        blank(out, ALIYUN_SECRET_ACCESS_KEY);
        put(out, ALIYUN_REGION, aliyun.region());
        put(out, ALIYUN_ENDPOINT, aliyun.endpoint());
        out.append('\n');
        comment(out, "DLF catalog ID. Defaults to your Alibaba Cloud account UID.");
        put(out, ALIYUN_CATALOG_ID, aliyun.catalogId().orElse(""));
        out.append('\n');
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
        aws.endpoint().ifPresent(u -> put(ext, AWS_ENDPOINT, u.toString()));
        if (aws.credentials() instanceof AwsCredentials.Profile profile) {
            put(ext, AWS_PROFILE, profile.name());
        }
        if (!aliyun.protocol().equals("HTTPS")) {
            put(ext, ALIYUN_PROTOCOL, aliyun.protocol());
        }
        if (aliyun.credentials() instanceof AliyunCredentials.CredentialsFile file) {
            file.file().ifPresent(f -> put(ext, ALIYUN_CREDENTIALS_FILE, f.toString()));
            put(ext, ALIYUN_PROFILE, file.profile());
        }
        if (run.glueSegments() != DEFAULT_GLUE_SEGMENTS) {
            put(ext, GLUE_SEGMENTS, Integer.toString(run.glueSegments()));
        }
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
        if (calls.gluePageSize() != defaults.gluePageSize()) {
            put(ext, GLUE_PAGE_SIZE, Integer.toString(calls.gluePageSize()));
        }
        if (calls.glueBatchSize() != defaults.glueBatchSize()) {
            put(ext, GLUE_BATCH_SIZE, Integer.toString(calls.glueBatchSize()));
        }
        if (calls.dlfPageSize() != defaults.dlfPageSize()) {
            put(ext, DLF_PAGE_SIZE, Integer.toString(calls.dlfPageSize()));
        }
        if (calls.dlfBatchSize() != defaults.dlfBatchSize()) {
            put(ext, DLF_BATCH_SIZE, Integer.toString(calls.dlfBatchSize()));
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
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
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
