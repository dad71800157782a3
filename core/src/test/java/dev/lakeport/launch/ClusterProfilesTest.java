package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterProfilesTest {

    private static Properties settings(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void everyKindOfProfileSurvivesARoundTripAndOtherSettingsAreKept() {
        List<ClusterProfile> profiles = List.of(
                new ClusterProfile.SparkSubmit(
                        "emr",
                        Path.of("/opt/spark"),
                        Optional.of(Path.of("/etc/hadoop/conf")),
                        "yarn",
                        "cluster",
                        Map.of("spark.executor.instances", "4", "spark.yarn.queue", "etl")),
                new ClusterProfile.SparkSubmit(
                        "maxcompute",
                        Path.of("/opt/odps-spark"),
                        Optional.empty(),
                        "yarn",
                        "cluster",
                        Map.of("spark.hadoop.odps.project.name", "lake", "spark.hadoop.odps.end.point", "http://x")),
                new ClusterProfile.Livy(
                        "livy",
                        URI.create("https://emr-master:8998"),
                        Optional.of("s3://bucket/lakeport-spark-job.jar"),
                        Optional.of("etl"),
                        Map.of("spark.driver.memory", "2g")),
                new ClusterProfile.Livy(
                        "livy-bare", URI.create("http://localhost:8998"), Optional.empty(), Optional.empty(), Map.of()),
                new ClusterProfile.Local("here", 3, Map.of("spark.ui.enabled", "false")),
                new ClusterProfile.MaxComputeSpark(
                        "odps",
                        Path.of("/opt/spark-3.5.2-odps0.49.0"),
                        "spark-3.5.2-odps0.49.0",
                        "lake",
                        "https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                        Optional.of("http://service.cn-hangzhou.maxcompute.aliyun-inc.com/api"),
                        Map.of("spark.executor.instances", "2")));
        Properties settings = settings("aws.region", "eu-central-1", "lakeport.cluster.old.type", "local");

        ClusterProfiles.write(profiles, settings);

        assertThat(settings.getProperty("aws.region")).isEqualTo("eu-central-1");
        assertThat(settings.getProperty("lakeport.cluster.old.type"))
                .as("replaced, not merged")
                .isNull();
        assertThat(settings.getProperty("lakeport.cluster.emr.conf.spark.yarn.queue"))
                .isEqualTo("etl");
        assertThat(ClusterProfiles.read(settings))
                .containsExactlyInAnyOrderElementsOf(profiles)
                .extracting(ClusterProfile::name)
                .isSorted();
    }

    @Test
    void aSparkOnMaxComputeProfileTakesTheDocumentedRuntimeByDefaultAndRefusesAccessKeysInItsSettings() {
        List<ClusterProfile> read = ClusterProfiles.read(settings(
                "lakeport.cluster.odps.type", "maxcompute-spark",
                "lakeport.cluster.odps.clientHome", "/opt/odps-spark",
                "lakeport.cluster.odps.project", "lake",
                "lakeport.cluster.odps.endpoint", "https://service.cn-hangzhou.maxcompute.aliyun.com/api"));
        assertThat(read)
                .containsExactly(new ClusterProfile.MaxComputeSpark(
                        "odps",
                        Path.of("/opt/odps-spark"),
                        "spark-3.5.2-odps0.49.0",
                        "lake",
                        "https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                        Optional.empty(),
                        Map.of()));

        assertThatThrownBy(() -> ClusterProfiles.read(settings(
                        "lakeport.cluster.odps.type", "maxcompute-spark",
                        "lakeport.cluster.odps.clientHome", "/opt/odps-spark",
                        "lakeport.cluster.odps.conf.spark.hadoop.odps.access.id", "someone")))
                .hasMessageStartingWith("lakeport.cluster.odps.conf.spark.hadoop.odps.access.id names a credential");
        assertThatThrownBy(() -> ClusterProfiles.read(settings(
                        "lakeport.cluster.odps.type", "maxcompute-spark",
                        "lakeport.cluster.odps.conf.spark.hadoop.odps.access.key", "x")))
                .hasMessageContaining("names a credential");
        assertThatThrownBy(() -> ClusterProfiles.read(settings(
                        "lakeport.cluster.odps.type", "maxcompute-spark", "lakeport.cluster.odps.project", "lake")))
                .hasMessage("lakeport.cluster.odps.clientHome is missing");
        assertThatThrownBy(() -> ClusterProfiles.read(settings(
                        "lakeport.cluster.odps.type", "maxcompute-spark",
                        "lakeport.cluster.odps.clientHome", "/opt/odps-spark",
                        "lakeport.cluster.odps.master", "yarn")))
                .hasMessageStartingWith("lakeport.cluster.odps.master is not a setting of a maxcompute-spark profile");
    }

    @Test
    void defaultsFillWhatAUserLeavesOut() {
        List<ClusterProfile> read = ClusterProfiles.read(settings(
                "lakeport.cluster.a.type", "spark-submit",
                "lakeport.cluster.a.sparkHome", "/opt/spark",
                "lakeport.cluster.b.type", "spark-submit",
                "lakeport.cluster.b.sparkHome", "/opt/spark",
                "lakeport.cluster.b.master", "local[2]",
                "lakeport.cluster.c.type", "local"));

        assertThat(read)
                .containsExactly(
                        new ClusterProfile.SparkSubmit(
                                "a", Path.of("/opt/spark"), Optional.empty(), "yarn", "cluster", Map.of()),
                        new ClusterProfile.SparkSubmit(
                                "b", Path.of("/opt/spark"), Optional.empty(), "local[2]", "client", Map.of()),
                        new ClusterProfile.Local("c", 2, Map.of()));
    }

    @Test
    void noProfilesIsAnEmptyList() {
        assertThat(ClusterProfiles.read(settings("aws.region", "x"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lakeport.cluster.x.sparkHome|/opt/spark|lakeport.cluster.x.type is missing",
                "lakeport.cluster.x.type|yarn|lakeport.cluster.x.type=yarn is not a cluster type",
                "lakeport.cluster.x|local|lakeport.cluster.x: expected lakeport.cluster.<profile name>.<setting>",
                "lakeport.cluster.bad name.type|local|a cluster profile name is 1-64 letters",
                "lakeport.cluster.x.type|spark-submit|lakeport.cluster.x.sparkHome is missing",
                "lakeport.cluster.x.type|livy|lakeport.cluster.x.url is missing",
            })
    void aBrokenProfileIsRefusedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> ClusterProfiles.read(settings(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "threads|zero|lakeport.cluster.x.threads=zero is not a whole number",
                "threads|0|lakeport.cluster.x.threads=0 must be 1 to 1024",
                "url|http://livy:8998|lakeport.cluster.x.url is not a setting of a local profile",
                "conf.executor.memory|2g|lakeport.cluster.x.conf.executor.memory: a Spark setting starts with 'spark.'",
                "conf.spark.lakeport.aws.access.key.id|AK|lakeport.cluster.x.conf.spark.lakeport.aws.access.key.id names a"
                        + " credential",
                "conf.spark.hadoop.odps.access.key|k|lakeport.cluster.x.conf.spark.hadoop.odps.access.key names a"
                        + " credential",
                "conf.spark.hadoop.fs.s3a.secret.key|k|names a credential",
                "conf.spark.ssl.keyPassword|k|names a credential",
            })
    void aBrokenSettingOfALocalProfileIsRefusedNamingTheKey(String setting, String value, String message) {
        Properties s = settings("lakeport.cluster.x.type", "local", "lakeport.cluster.x." + setting, value);
        assertThatThrownBy(() -> ClusterProfiles.read(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("=" + value + " names");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "url|ftp://livy:8998|lakeport.cluster.x.url=ftp://livy:8998 must start with http:// or https://",
                "url|http://|lakeport.cluster.x.url=http:// is not a URL",
                "url|livy:8998|lakeport.cluster.x.url=livy:8998 has no host",
                "sparkHome|/opt/spark|lakeport.cluster.x.sparkHome is not a setting of a livy profile",
            })
    void aBrokenSettingOfALivyProfileIsRefusedNamingTheKey(String setting, String value, String message) {
        Properties s = settings(
                "lakeport.cluster.x.type",
                "livy",
                "lakeport.cluster.x.url",
                "http://livy:8998",
                "lakeport.cluster.x." + setting,
                value);
        assertThatThrownBy(() -> ClusterProfiles.read(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aSparkSubmitProfileWithAnUnknownDeployModeIsRefused() {
        Properties s = settings(
                "lakeport.cluster.x.type", "spark-submit",
                "lakeport.cluster.x.sparkHome", "/opt/spark",
                "lakeport.cluster.x.deployMode", "remote");
        assertThatThrownBy(() -> ClusterProfiles.read(s))
                .hasMessageContaining("lakeport.cluster.x.deployMode=remote must be cluster or client");
    }

    @Test
    void writingRefusesACredentialAndTwoProfilesOfOneNameAndChangesNothing() {
        Properties settings = settings("lakeport.cluster.keep.type", "local");
        List<ClusterProfile> withSecret =
                List.of(new ClusterProfile.Local("x", 1, Map.of("spark.hadoop.fs.s3a.secret.key", "s")));
        assertThatThrownBy(() -> ClusterProfiles.write(withSecret, settings))
                .hasMessageContaining("lakeport.cluster.x.conf.spark.hadoop.fs.s3a.secret.key names a credential");
        List<ClusterProfile> twice =
                List.of(new ClusterProfile.Local("x", 1, Map.of()), new ClusterProfile.Local("x", 2, Map.of()));
        assertThatThrownBy(() -> ClusterProfiles.write(twice, settings))
                .hasMessageContaining("two cluster profiles are named 'x'");
        assertThat(settings).containsOnlyKeys("lakeport.cluster.keep.type");
    }
}
