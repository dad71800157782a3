package dev.lakeport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakeport.connector.dlf.DlfConnectorConfig;
import dev.lakeport.connector.glue.GlueConnectorConfig;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.AwsCredentials;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigrationConfigLoaderTest {

    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String ALIYUN_SECRET = "aliyunSecretExampleValue0123456789";

    static Path resource(String name) {
        try {
            return Path.of(MigrationConfigLoaderTest.class
                    .getResource("/config/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The smallest valid settings; each bad-input case changes one key. */
    static Map<String, String> minimal() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aws.region", "eu-central-1");
        m.put("mode", "increment");
        m.put("comparePartition", "true");
        m.put("aliyun.region", "eu-central-1");
        m.put("aliyun.endpoint", "dlf.eu-central-1.aliyuncs.com");
        m.put("location.convertMap", "{\"s3://a/\":\"oss://a/\"}");
        return m;
    }

    static MigrationConfigLoader.Result load(Map<String, String> settings) {
        return MigrationConfigLoader.fromMap(settings, "test.properties");
    }

    static ConfigException failure(Map<String, String> settings) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(settings));
        assertThat(e).as("expected %s to be refused", settings).isNotNull();
        return e;
    }

    @Test
    void seedSampleLoadsUnchanged() {
        MigrationConfigLoader.Result result = MigrationConfigLoader.load(resource("seed-application.properties"));
        MigrationConfig c = result.config();
        assertThat(result.warnings()).isEmpty();

        GlueConnectorConfig glue = Sides.glue(c);
        assertThat(glue.region()).isEqualTo("eu-central-1");
        assertThat(glue.catalogId()).contains("123456789012");
        assertThat(glue.endpoint()).isEmpty();
        assertThat(glue.segments()).isEqualTo(4);
        assertThat(glue.credentials()).isInstanceOfSatisfying(AwsCredentials.StaticKeys.class, k -> {
            assertThat(k.accessKeyId()).isEqualTo("AKIDIOSFODNN7EXAMPLE");
            assertThat(k.secretAccessKey().reveal()).isEqualTo(AWS_SECRET);
        });

        DlfConnectorConfig dlf = Sides.dlf(c);
        assertThat(dlf.region()).isEqualTo("eu-central-1");
        assertThat(dlf.endpoint()).isEqualTo("dlf.eu-central-1.aliyuncs.com");
        assertThat(dlf.protocol()).isEqualTo("HTTPS");
        assertThat(dlf.catalogId()).contains("1234567890123456");
        assertThat(dlf.credentials()).isInstanceOfSatisfying(AliyunCredentials.StaticKeys.class, k -> assertThat(
                        k.accessKeySecret().reveal())
                .isEqualTo(ALIYUN_SECRET));

        assertThat(c.run().mode()).isEqualTo(Mode.INCREMENT);
        assertThat(c.run().resultOutputPath()).contains("oss://example-bucket/path1/");
        assertThat(c.run().allowDeletes()).isFalse();
        assertThat(c.run().concurrency()).isEqualTo(32);
        assertThat(c.run().rate()).isZero();

        assertThat(c.locationMapper().apply("s3://xxx-eu-central-1/glue-migrate/db1/t"))
                .isEqualTo("oss://xxx-eu-central-1/glue-migrate/db1/t");
        assertThat(c.mapping().mappingId()).isEqualTo(c.mapping().mappingId());

        Scope scope = c.scope();
        assertThat(scope.includesDatabase("db1")).isTrue();
        assertThat(scope.includesDatabase("db3")).isFalse();
        assertThat(scope.includesTable("db2", "adm_users")).isTrue();
        assertThat(scope.includesTable("db2", "dwd_users")).isFalse();
        assertThat(scope.partitionFilter("db1", "ods_orders")).contains(PartitionFilter.parse("dt>=20220101"));
        assertThat(c.scope(List.of(ObjectKey.table("db1", "ods_a"))).includesTable("db1", "ods_b"))
                .isFalse();
    }

    @Test
    void seedSampleWithItsPlaceholdersNamesEveryPlaceholder() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> MigrationConfigLoader.load(resource("seed-placeholders.properties")));
        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "aws.accessKeyId",
                        "aws.secretAccessKey",
                        "aws.catalogId",
                        "aliyun.accessKeyId",
                        "aliyun.secretAccessKey",
                        "aliyun.catalogId");
        assertThat(e.getMessage())
                .contains("aws.catalogId: still holds the placeholder <your-aws-catalog-id>")
                .doesNotContain("missing while");
    }

    @Test
    void blankCredentialsFallBackToProfilesFilesOrTheDefaultChain() {
        MigrationConfig c = MigrationConfigLoader.load(resource("emr-blank-credentials.properties"))
                .config();
        assertThat(Sides.glue(c).credentials()).isEqualTo(new AwsCredentials.DefaultChain());
        assertThat(Sides.dlf(c).credentials())
                .isEqualTo(new AliyunCredentials.CredentialsFile(
                        Optional.of(Path.of("/home/etl/.aliyun/config.json")), "migration"));

        Map<String, String> m = minimal();
        m.put("lakeport.aws.profile", "etl");
        m.put("lakeport.aliyun.profile", "dlf");
        MigrationConfig p = load(m).config();
        assertThat(Sides.glue(p).credentials()).isEqualTo(new AwsCredentials.Profile("etl"));
        assertThat(Sides.dlf(p).credentials())
                .isEqualTo(new AliyunCredentials.CredentialsFile(Optional.empty(), "dlf"));
        assertThat(Sides.dlf(load(minimal()).config()).credentials()).isEqualTo(new AliyunCredentials.DefaultChain());
    }

    @Test
    void lakeportExtensionsAreRead() {
        MigrationConfig c = MigrationConfigLoader.load(resource("emr-blank-credentials.properties"))
                .config();
        assertThat(Sides.glue(c).endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(Sides.glue(c).endpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(Sides.dlf(c).endpoint()).isEqualTo("127.0.0.1:18080");
        assertThat(Sides.dlf(c).protocol()).isEqualTo("HTTP");
        assertThat(Sides.glue(c).segments()).isEqualTo(8);
        assertThat(Sides.glue(c).segments()).isEqualTo(8);
        assertThat(c.run().concurrency()).isEqualTo(16);
        assertThat(c.run().rate()).isEqualTo(12.5);
        assertThat(c.run().allowDeletes()).isTrue();
        assertThat(c.run().project()).contains(Path.of("/work/projects/glue.mv.db"));
        assertThat(c.locationMapper().isIdentity()).isTrue();
        Scope scope = c.scope();
        assertThat(scope.includesDatabase("tmp_1")).isFalse();
        assertThat(scope.includesDatabase("scratch")).isFalse();
        assertThat(scope.includesTable("sales", "orders")).isTrue();
        assertThat(scope.includesTable("sales", "orders_bak")).isFalse();
        assertThat(scope.includesTable("hr", "dim_date")).isTrue();
        assertThat(scope.includesTable("hr", "people")).isFalse();
        assertThat(scope.includes(ObjectKey.partition("sales", "orders", List.of("1"))))
                .as("comparePartition=false")
                .isFalse();
    }

    @Test
    void modeAndComparePartitionDefaultWhenLeftOut() {
        Map<String, String> m = minimal();
        m.remove("mode");
        m.remove("comparePartition");
        MigrationConfig c = load(m).config();
        assertThat(c.run().mode()).isEqualTo(Mode.INCREMENT);
        assertThat(c.selection().comparePartition()).isTrue();
        m.put("mode", "INCREMENT");
        m.put("comparePartition", "FALSE");
        assertThat(load(m).config().selection().comparePartition()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            nullValues = "REMOVE",
            value = {
                "aws.region                 | REMOVE         | aws.region                 | missing; set it to the Glue catalog's region",
                "aws.region                 | europe         | aws.region                 | 'europe' is not an AWS region",
                "aws.region                 | <your-region>  | aws.region                 | still holds the placeholder <your-region>",
                "aliyun.region              | REMOVE         | aliyun.region              | missing; set it to the DLF region",
                "aliyun.region              | Hangzhou       | aliyun.region              | 'Hangzhou' is not an Alibaba Cloud region",
                "aliyun.endpoint            | REMOVE         | aliyun.endpoint            | missing; set it to the DLF endpoint",
                "aliyun.endpoint            | dlf eu.com     | aliyun.endpoint            | 'dlf eu.com' is not a host name with an optional port",
                "aliyun.endpoint            | ftp://dlf.com  | aliyun.endpoint            | 'ftp://dlf.com' is not an http:// or https:// URI",
                "lakeport.aws.endpoint      | http://a b     | lakeport.aws.endpoint      | 'http://a b' is not a URI: Illegal character in authority at position 7",
                "lakeport.aws.endpoint      | localhost:4566 | lakeport.aws.endpoint      | 'localhost:4566' is not an http:// or https:// URI",
                "lakeport.aws.endpoint      | https:///path  | lakeport.aws.endpoint      | has no host name",
                "lakeport.glue.segments     | 0              | lakeport.glue.segments     | must be between 1 and 10, got 0",
                "lakeport.glue.segments     | 11             | lakeport.glue.segments     | must be between 1 and 10, got 11",
                "lakeport.glue.segments     | four           | lakeport.glue.segments     | 'four' is not a whole number between 1 and 10",
                "lakeport.concurrency       | 0              | lakeport.concurrency       | must be between 1 and 1024, got 0",
                "lakeport.rate              | -1             | lakeport.rate              | must be 0 (unlimited) or a positive number",
                "lakeport.rate              | fast           | lakeport.rate              | 'fast' is not a number of calls per second",
                "comparePartition           | yes            | comparePartition           | 'yes' is not a boolean; use true or false",
                "lakeport.allowDeletes      | 1              | lakeport.allowDeletes      | '1' is not a boolean; use true or false",
                "mode                       | full           | mode                       | 'full' is not supported; use mode=increment",
                "location.convertMap        | REMOVE         | location.convertMap        | missing; set it to a JSON object",
                "location.convertMap        | s3://a=oss://b | location.convertMap        | not valid JSON at position 0",
                "location.convertMap        | [\"s3://a/\"]  | location.convertMap        | must be a JSON object",
                "location.convertMap        | {\"s3://a/\":1} | location.convertMap       | the value of \"s3://a/\" must be a string",
                "location.convertMap        | {\"a/\":\"oss://b/\"} | location.convertMap | source \"a/\" is not a URI with a scheme",
                "location.convertMap        | {\"s3://a/\":\"oss://b/\",\"s3://a/\":\"oss://c/\"} | location.convertMap | duplicate key \"s3://a/\"",
                "aws.partition.filter.db1.t | dt>=           | aws.partition.filter.db1.t | invalid partition filter: position 4: expected a value after '>=' but found end of input",
                "aws.partition.filter.db1.t | dt = 'x        | aws.partition.filter.db1.t | position 5: expected a closing quote",
                "aws.partition.filter.db1   | dt>=1          | aws.partition.filter.db1   | expected aws.partition.filter.<db>.<table>",
                "aws.partition.filter..t    | dt>=1          | aws.partition.filter..t    | expected aws.partition.filter.<db>.<table>",
                "aws.partition.filter.db.   | dt>=1          | aws.partition.filter.db.   | expected aws.partition.filter.<db>.<table>",
                "aws.accessKeyId            | AKIAEXAMPLE    | aws.secretAccessKey        | missing while aws.accessKeyId is set",
                "aws.secretAccessKey        | s3cr3t         | aws.accessKeyId            | missing while aws.secretAccessKey is set",
                "aliyun.secretAccessKey     | s3cr3t         | aliyun.accessKeyId         | missing while aliyun.secretAccessKey is set",
                "aws.catalogId              | my-catalog     | aws.catalogId              | 'my-catalog' is not a Glue catalog id (a 12-digit AWS account id)",
                "lakeport.aliyun.protocol   | FTP            | lakeport.aliyun.protocol   | 'FTP' is not HTTP or HTTPS",
                "lakeport.tables.include    | db.            | lakeport.tables.include    | entry 'db.' must be db.table or table",
                "lakeport.aliyun.credentialsFile | bad\u0000path | lakeport.aliyun.credentialsFile | is not a valid path",
            })
    void badInputNamesTheKeyAndTheProblem(String key, String value, String faultyKey, String problem) {
        Map<String, String> m = minimal();
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value.replace("\\u0000", "\u0000"));
        }
        ConfigException e = failure(m);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo(faultyKey);
            assertThat(p.problem()).contains(problem);
        });
        assertThat(e.getMessage()).contains("\n  " + faultyKey + ": ");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> m = minimal();
        m.put("aws.region", "x");
        m.put("lakeport.glue.segments", "99");
        m.put("comparePartition", "maybe");
        m.remove("aliyun.endpoint");
        m.put("aws.partition.filter.db.t", "dt >");
        ConfigException e = failure(m);
        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        "aws.region",
                        "lakeport.glue.segments",
                        "comparePartition",
                        "aliyun.endpoint",
                        "aws.partition.filter.db.t");
        assertThat(e.getMessage()).startsWith("test.properties has 5 problems:\n  ");
        for (ConfigProblem p : e.problems()) {
            assertThat(e.getMessage()).contains(p.key() + ": ");
        }
    }

    @Test
    void unknownKeysAreWarningsWithSuggestionsForNearMisses() {
        Map<String, String> m = minimal();
        m.put("aws.databse", "db1");
        m.put("aws.accesskeyid", "");
        m.put("lakeport.concurency", "8");
        m.put("aws.partitions.filter.db.t", "dt>1");
        m.put("spark.executor.instances", "10");
        m.put("lakeport.cluster.odps.type", "maxcompute-spark");
        MigrationConfigLoader.Result r = load(m);
        assertThat(r.warnings())
                .extracting(ConfigProblem::toString)
                .as("cluster profiles are the project's settings, read where they are used")
                .noneMatch(w -> w.startsWith("lakeport.cluster."));
        assertThat(r.warnings())
                .extracting(ConfigProblem::toString)
                .contains(
                        "aws.databse: unknown key, ignored; did you mean aws.databases?",
                        "aws.accesskeyid: unknown key, ignored; did you mean aws.accessKeyId?",
                        "lakeport.concurency: unknown key, ignored; did you mean lakeport.concurrency?",
                        "aws.partitions.filter.db.t: unknown key, ignored; did you mean aws.partition.filter.<db>.<table>?",
                        "spark.executor.instances: unknown key, ignored");
        assertThat(r.config().scope().includesDatabase("db9")).isTrue();
    }

    @Test
    void otherWarnings() {
        MigrationConfigLoader.Result r = MigrationConfigLoader.load(
                new StringReader(String.join(
                        "\n",
                        "aws.region=eu-central-1",
                        "aws.region=eu-west-1",
                        "aws.accessKeyId=AKIDIOSFODNN7EXAMPLE",
                        "aws.secretAccessKey=" + AWS_SECRET,
                        "lakeport.aws.profile=etl",
                        "aliyun.region=cn-hangzhou",
                        "aliyun.endpoint=dlf.cn-shanghai.aliyuncs.com",
                        "location.convertMap={}",
                        "aws.databases=db1",
                        "aws.table.filter.prefix=ods_, adm_",
                        "aws.partition.filter.db2.t=dt>1",
                        "aws.partition.filter.db1.t=")),
                "inline");
        assertThat(Sides.glue(r.config()).region()).isEqualTo("eu-west-1");
        assertThat(r.config().selection().tablePrefixes()).containsExactly("ods_", "adm_");
        assertThat(r.warnings())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "aws.region: set more than once; the last value is used",
                        "lakeport.aws.profile: ignored: aws.accessKeyId and aws.secretAccessKey are set",
                        "aliyun.endpoint: the endpoint is in cn-shanghai but aliyun.region is cn-hangzhou",
                        "aws.table.filter.prefix: spaces around prefixes are ignored",
                        "aws.partition.filter.db2.t: has no effect: database db2 is not in aws.databases",
                        "aws.partition.filter.db1.t: empty, so all partitions of the table are migrated");
    }

    @Test
    void aHttpsEndpointUrlIsAcceptedAsHostAndProtocol() {
        Map<String, String> m = minimal();
        m.put("aliyun.endpoint", "https://dlf.eu-central-1.aliyuncs.com");
        MigrationConfig c = load(m).config();
        assertThat(Sides.dlf(c).endpoint()).isEqualTo("dlf.eu-central-1.aliyuncs.com");
        assertThat(Sides.dlf(c).protocol()).isEqualTo("HTTPS");
    }

    @Test
    void secretsNeverShowInToStringOrInErrors() {
        MigrationConfig c = MigrationConfigLoader.load(resource("seed-application.properties"))
                .config();
        assertThat(c.toString())
                .doesNotContain(AWS_SECRET)
                .doesNotContain(ALIYUN_SECRET)
                .doesNotContain("AKIDIOSFODNN7EXAMPLE")
                .contains("****");
        assertThat(Sides.glue(c).toString()).doesNotContain(AWS_SECRET);
        assertThat(Sides.dlf(c).toString()).doesNotContain(ALIYUN_SECRET);

        Map<String, String> m = minimal();
        m.put("aws.secretAccessKey", AWS_SECRET);
        m.put("aliyun.secretAccessKey", ALIYUN_SECRET);
        m.put("lakeport.aws.sessionToken", "token-value-123");
        ConfigException e = failure(m);
        assertThat(e.getMessage())
                .doesNotContain(AWS_SECRET)
                .doesNotContain(ALIYUN_SECRET)
                .doesNotContain("token-value-123");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = Path.of("does-not-exist", "application.properties");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> MigrationConfigLoader.load(missing));
        assertThat(e.getMessage()).contains(missing.toString()).contains("cannot be read");
    }
}
