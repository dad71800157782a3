package dev.lakeport.config;

import static dev.lakeport.config.MigrationConfigLoaderTest.failure;
import static dev.lakeport.config.MigrationConfigLoaderTest.load;
import static dev.lakeport.config.MigrationConfigLoaderTest.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAndDestinationTypeTest {

    @Test
    void theKindsDefaultToTheSeedsPair() {
        MigrationConfig c = load(minimal()).config();
        assertThat(c.source().kind()).isEqualTo("glue");
        assertThat(c.destination().kind()).isEqualTo("dlf");
        assertThat(c.route().id()).isEqualTo("glue-to-dlf");
        assertThat(c.source().describe()).isEqualTo("Glue eu-central-1");
    }

    @Test
    void anUnknownKindIsAnErrorNamingTheKeyAndTheKnownKinds() {
        Map<String, String> m = minimal();
        m.put("lakeport.source.type", "teradata");
        assertThat(failure(m).problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("lakeport.source.type");
            assertThat(p.problem()).contains("'teradata' is not a catalog").contains("glue");
        });
    }

    @Test
    void aDestinationOfTheSourcesKindReadsItsKeysUnderTheDestinationPrefix() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lakeport.source.type", "dlf");
        m.put("lakeport.destination.type", "dlf");
        m.put("aliyun.region", "cn-hangzhou");
        m.put("aliyun.endpoint", "dlf.cn-hangzhou.aliyuncs.com");
        m.put("lakeport.destination.aliyun.region", "cn-shanghai");
        m.put("lakeport.destination.aliyun.endpoint", "dlf.cn-shanghai.aliyuncs.com");
        m.put("location.convertMap", "{}");
        MigrationConfig c = load(m).config();
        assertThat(c.source().describe()).isEqualTo("DLF cn-hangzhou");
        assertThat(c.destination().describe()).isEqualTo("DLF cn-shanghai");
        assertThat(c.route().words().create()).isEqualTo("sourceNew");

        m.remove("lakeport.destination.aliyun.endpoint");
        assertThat(failure(m).problems())
                .anySatisfy(p -> assertThat(p.key()).isEqualTo("lakeport.destination.aliyun.endpoint"));
    }

    @Test
    void everyKindRoundTripsThroughAnExportedFile() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lakeport.source.type", "dlf");
        m.put("lakeport.destination.type", "glue");
        m.put("aliyun.region", "cn-hangzhou");
        m.put("aliyun.endpoint", "dlf.cn-hangzhou.aliyuncs.com");
        m.put("aws.region", "eu-central-1");
        m.put("aws.secretAccessKey", "never-exported-1");
        m.put("aws.accessKeyId", "glue-key-id-never-exported");
        m.put("location.convertMap", "{\"oss://a/\":\"s3://a/\"}");
        MigrationConfig c = load(m).config();
        String text = MigrationConfigWriter.toProperties(c);
        assertThat(text)
                .contains("lakeport.source.type=dlf")
                .contains("lakeport.destination.type=glue")
                .contains("\naws.secretAccessKey=\n")
                .doesNotContain("never-exported-1")
                .doesNotContain("glue-key-id-never-exported");
        MigrationConfig back = MigrationConfigLoader.fromMap(PropertiesText.parse(text, "exported"), "exported")
                .config();
        assertThat(back).isEqualTo(c.withoutSecrets());
    }

    @Test
    void aHiveSideRoundTripsWithItsOwnKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lakeport.source.type", "hive");
        m.put("hive.metastore.uris", "thrift://metastore-1:9083,thrift://metastore-2:9083");
        m.put("hive.batchSize", "500");
        m.put("hive.callTimeout", "45s");
        m.put("location.convertMap", "{\"hdfs://nn:8020/warehouse/\":\"oss://lake/warehouse/\"}");
        m.put("aliyun.region", "cn-hangzhou");
        m.put("aliyun.endpoint", "dlf.cn-hangzhou.aliyuncs.com");
        m.put("aliyun.accessKeyId", "dlf-key-id-never-exported");
        m.put("aliyun.secretAccessKey", "never-exported-2");
        MigrationConfig c = load(m).config();
        assertThat(c.source().connector().kind()).isEqualTo("hive");
        assertThat(c.route().words().create()).isEqualTo("hiveNew");

        String text = MigrationConfigWriter.toProperties(c);
        assertThat(text)
                .contains("lakeport.source.type=hive")
                .contains("hive.metastore.uris=thrift://metastore-1:9083,thrift://metastore-2:9083")
                .contains("hive.batchSize=500")
                .doesNotContain("never-exported-2")
                .doesNotContain("dlf-key-id-never-exported");
        MigrationConfig back = MigrationConfigLoader.fromMap(PropertiesText.parse(text, "exported"), "exported")
                .config();
        assertThat(back).isEqualTo(c.withoutSecrets());
    }

    @Test
    void aWrongHiveSettingIsNamedByItsKeyAndNothingIsOpened() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lakeport.source.type", "hive");
        m.put("hive.metastore.uris", "http://metastore-1:9083");
        m.put("location.convertMap", "{}");
        m.put("aliyun.region", "cn-hangzhou");
        m.put("aliyun.endpoint", "dlf.cn-hangzhou.aliyuncs.com");
        assertThat(failure(m).problems()).anySatisfy(p -> {
            assertThat(p.key()).isEqualTo("hive.metastore.uris");
            assertThat(p.problem()).contains("'http://metastore-1:9083' is not a thrift:// URI");
        });
    }
}
