package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.PropertiesText;
import org.junit.jupiter.api.Test;

class ConnectorsCommandTest {

    @Test
    void listsEveryConnectorWithItsSettingsAndCapabilities() {
        CliRunner.Result r = CliRunner.run("connectors");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("glue (AWS Glue Data Catalog)")
                .contains("dlf (Alibaba Cloud Data Lake Formation)")
                .contains("aws.region")
                .contains("[required]")
                .contains("aliyun.secretAccessKey")
                .contains("[credential]")
                .contains("parallel splits");
    }

    @Test
    void listsTheRoutesWithTheirWords() {
        CliRunner.Result r = CliRunner.run("connectors", "--routes");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("glue-to-dlf").contains("glueNew, dlfNew, needUpdate");
    }

    @Test
    void aTemplateIsAConfigurationOnceItsRequiredKeysAreFilledIn() {
        CliRunner.Result r = CliRunner.run("connectors", "--template", "dlf", "glue");
        assertThat(r.exitCode()).isZero();
        String text = r.out()
                .replace("\naliyun.region=\n", "\naliyun.region=cn-hangzhou\n")
                .replace("\naliyun.endpoint=\n", "\naliyun.endpoint=dlf.cn-hangzhou.aliyuncs.com\n")
                .replace("\naws.region=\n", "\naws.region=eu-central-1\n");
        var config = MigrationConfigLoader.fromMap(PropertiesText.parse(text, "template"), "template")
                .config();
        assertThat(config.route().id()).isEqualTo("dlf-to-glue");
    }

    @Test
    void anUnknownKindIsBadInput() {
        CliRunner.Result r = CliRunner.run("connectors", "--template", "glue", "snowflake");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.all()).contains("'snowflake' is not a catalog Lakeport knows");
    }
}
