package dev.lakeport.app.pages.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.launch.ClusterProfile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterProfileFormTest {

    @Test
    void everyKindOfProfileComesBackFromItsFields() {
        ClusterProfile yarn = new ClusterProfile.SparkSubmit(
                "emr",
                Path.of("/opt/spark"),
                Optional.of(Path.of("/etc/hadoop/conf")),
                "yarn",
                "cluster",
                Map.of("spark.executor.instances", "10"));
        ClusterProfile livy = new ClusterProfile.Livy(
                "livy",
                URI.create("https://emr-master:8998"),
                Optional.of("oss://bucket/lakeport/lakeport-spark-job.jar"),
                Optional.of("hadoop"),
                Map.of());
        ClusterProfile local = new ClusterProfile.Local("laptop", 2, Map.of("spark.sql.shuffle.partitions", "4"));
        ClusterProfile odps = new ClusterProfile.MaxComputeSpark(
                "odps",
                Path.of("/opt/spark-3.5.2-odps0.49.0"),
                "spark-3.5.2-odps0.49.0",
                "lake",
                "https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                Optional.of("http://service.cn-hangzhou.maxcompute.aliyun-inc.com/api"),
                Map.of("spark.executor.instances", "2"));

        for (ClusterProfile p : new ClusterProfile[] {yarn, livy, local, odps}) {
            assertThat(ClusterProfileForm.of(p).build()).isEqualTo(p);
        }
    }

    @Test
    void aSparkOnMaxComputeProfileNamesTheFieldItMissesAndTakesTheDocumentedRuntimeByDefault() {
        ClusterProfileForm form = ClusterProfileForm.blank("odps");
        form.typeProperty().set(ClusterProfileForm.Type.MAXCOMPUTE_SPARK);
        form.sparkConfProperty().set("");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("MaxCompute Spark client"));

        form.clientHomeProperty().set("/opt/odps-spark");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("MaxCompute project"));
        form.odpsProjectProperty().set("lake");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("MaxCompute endpoint"));
        form.odpsEndpointProperty().set("https://service.cn-hangzhou.maxcompute.aliyun.com/api");
        form.sparkConfProperty().set("spark.hadoop.odps.access.key=x");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).contains("names a credential"));
        form.sparkConfProperty().set("");

        ClusterProfile built = form.build();
        assertThat(built).isInstanceOf(ClusterProfile.MaxComputeSpark.class);
        assertThat(((ClusterProfile.MaxComputeSpark) built).sparkVersion()).isEqualTo("spark-3.5.2-odps0.49.0");
        assertThat(ClusterProfileForm.Type.of(built)).isEqualTo(ClusterProfileForm.Type.MAXCOMPUTE_SPARK);
    }

    @Test
    void aWrongFieldIsNamed() {
        ClusterProfileForm form = ClusterProfileForm.blank("emr");
        form.sparkHomeProperty().set("");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("SPARK_HOME"));

        form.sparkHomeProperty().set("/opt/spark");
        form.deployModeProperty().set("remote");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Deploy mode"));

        form.deployModeProperty().set("client");
        form.sparkConfProperty().set("spark.executor.instances=4\nexecutors 4\n");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).contains("line 2"));

        form.sparkConfProperty().set("driver.memory=4g");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).contains("'spark.'"));

        form.sparkConfProperty().set("# a comment\n\nspark.driver.memory=4g");
        assertThat(form.problem()).isEmpty();

        form.nameProperty().set("my cluster");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Name"));

        form.nameProperty().set("emr");
        form.typeProperty().set(ClusterProfileForm.Type.LIVY);
        form.livyUrlProperty().set("emr-master:8998");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Livy URL"));

        form.typeProperty().set(ClusterProfileForm.Type.LOCAL);
        form.threadsProperty().set("zero");
        assertThat(form.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("Threads"));
    }

    @Test
    void credentialsCannotHideInTheSparkSettings() {
        ClusterProfileForm form = ClusterProfileForm.blank("emr");
        form.sparkHomeProperty().set("/opt/spark");
        form.sparkConfProperty().set("spark.lakeport.aws.secret.access.key=x");
        assertThatThrownBy(form::build).isInstanceOf(IllegalArgumentException.class);
    }
}
