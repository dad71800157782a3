package dev.lakeport.config;

import static dev.lakeport.config.MigrationConfigLoaderTest.ALIYUN_SECRET;
import static dev.lakeport.config.MigrationConfigLoaderTest.AWS_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.ConnectorSettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationConfigWriterTest {

    private static MigrationConfig reload(String text) {
        return MigrationConfigLoader.load(new StringReader(text), "exported").config();
    }

    @Test
    void seedSampleRoundTripsWithoutItsSecrets() {
        MigrationConfig c = MigrationConfigLoader.load(
                        MigrationConfigLoaderTest.resource("seed-application.properties"))
                .config();
        String text = MigrationConfigWriter.toProperties(c);
        assertThat(reload(text)).isEqualTo(c.withoutSecrets());
        assertThat(text)
                .doesNotContain(AWS_SECRET)
                .doesNotContain(ALIYUN_SECRET)
                .doesNotContain("AKIDIOSFODNN7EXAMPLE")
                .doesNotContain("LTAI5tEXAMPLE")
                .contains("\naws.accessKeyId=\naws.secretAccessKey=\n")
                .contains("\naliyun.accessKeyId=\naliyun.secretAccessKey=\n")
                .contains("## Put your AccessKey pair here")
                .contains("aws.partition.filter.db1.ods_orders=dt >= 20220101")
                .contains("location.convertMap={\"s3://xxx-eu-central-1/glue-migrate/\":"
                        + "\"oss://xxx-eu-central-1/glue-migrate/\"}")
                .doesNotContain("\nlakeport.");
    }

    @Test
    void everyExtensionRoundTrips() {
        MigrationConfig c = MigrationConfigLoader.load(
                        MigrationConfigLoaderTest.resource("emr-blank-credentials.properties"))
                .config();
        String text = MigrationConfigWriter.toProperties(c);
        assertThat(reload(text)).isEqualTo(c);
        assertThat(text).contains("aliyun.endpoint=http://127.0.0.1:18080").contains("lakeport.rate=12.5");
    }

    @Test
    void awkwardNamesAndValuesSurviveTheFileFormat() {
        Map<String, String> m = MigrationConfigLoaderTest.minimal();
        m.put("aws.partition.filter.sales db.my:table=x", "`my key` = 'it''s \\ a #test' OR n IN (1, 2)");
        m.put("result.output.path", " oss://bucket/with space/");
        m.put("lakeport.aws.profile", "etl");
        m.put("lakeport.aws.sessionToken", "");
        m.put("location.convertMap", "{\"s3://a b/\":\"oss://c\\\\d/\"}");
        MigrationConfig c = MigrationConfigLoader.fromMap(m, "t").config();
        assertThat(reload(MigrationConfigWriter.toProperties(c))).isEqualTo(c);
    }

    @Test
    void temporaryKeysLeaveAnEmptySessionTokenLine(@TempDir Path dir) throws IOException {
        Map<String, String> m = MigrationConfigLoaderTest.minimal();
        m.put("aws.accessKeyId", "ASIAIOSFODNN7EXAMPLE");
        m.put("aws.secretAccessKey", AWS_SECRET);
        m.put("lakeport.aws.sessionToken", "FQoGZXIvYXdzEXAMPLETOKEN");
        MigrationConfig c = MigrationConfigLoader.fromMap(m, "t").config();
        Path file = dir.resolve("application.properties");
        MigrationConfigWriter.write(c, file);
        String text = Files.readString(file);
        assertThat(text)
                .contains("\nlakeport.aws.sessionToken=\n")
                .doesNotContain("FQoGZXIvYXdzEXAMPLETOKEN")
                .doesNotContain(AWS_SECRET);
        assertThat(MigrationConfigLoader.load(file).config()).isEqualTo(c.withoutSecrets());
    }

    @Test
    void aConfigurationBuiltInCodeExportsAndLoadsBack() {
        MigrationConfig c = MigrationConfig.of(
                new MigrationConfig.Side(
                        "glue",
                        ConnectorSettings.of(
                                Map.of("aws.region", "us-west-2", "lakeport.aws.profile", "etl"), Map.of())),
                new MigrationConfig.Side(
                        "dlf",
                        ConnectorSettings.of(
                                Map.of(
                                        "aliyun.region",
                                        "cn-hangzhou",
                                        "aliyun.endpoint",
                                        "dlf.cn-hangzhou.aliyuncs.com"),
                                Map.of())));
        assertThat(reload(MigrationConfigWriter.toProperties(c))).isEqualTo(c);
    }
}
