package dev.lakeport.sparkjob;

import dev.lakeport.job.JobCredentials;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Redaction;
import dev.lakeport.secret.Secret;
import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;

/**
 * The access keys the executors need when the cluster has no role to use, carried inside the tasks (Java
 * serialization of the closure), never in a file or a Spark setting of their own. {@link #toString()} shows masked key
 * ids only, so a log line or an exception that prints a task's fields shows no secret.
 */
final class JobSecrets implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final JobSecrets NONE = new JobSecrets(null, null, null, null, null, null);

    private final String awsKeyId;
    private final String awsSecret;
    private final String awsToken;
    private final String aliyunKeyId;
    private final String aliyunSecret;
    private final String aliyunToken;

    private JobSecrets(
            String awsKeyId,
            String awsSecret,
            String awsToken,
            String aliyunKeyId,
            String aliyunSecret,
            String aliyunToken) {
        this.awsKeyId = awsKeyId;
        this.awsSecret = awsSecret;
        this.awsToken = awsToken;
        this.aliyunKeyId = aliyunKeyId;
        this.aliyunSecret = aliyunSecret;
        this.aliyunToken = aliyunToken;
    }

    static JobSecrets of(JobCredentials credentials) {
        Optional<AwsCredentials.StaticKeys> aws = credentials.aws();
        Optional<AliyunCredentials.StaticKeys> aliyun = credentials.aliyun();
        return new JobSecrets(
                aws.map(AwsCredentials.StaticKeys::accessKeyId).orElse(null),
                aws.map(k -> k.secretAccessKey().reveal()).orElse(null),
                aws.flatMap(AwsCredentials.StaticKeys::sessionToken)
                        .map(Secret::reveal)
                        .orElse(null),
                aliyun.map(AliyunCredentials.StaticKeys::accessKeyId).orElse(null),
                aliyun.map(k -> k.accessKeySecret().reveal()).orElse(null),
                aliyun.flatMap(AliyunCredentials.StaticKeys::securityToken)
                        .map(Secret::reveal)
                        .orElse(null));
    }

    Optional<AwsCredentials.StaticKeys> aws() {
        if (awsKeyId == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials.StaticKeys(
                awsKeyId, Secret.of(awsSecret), Optional.ofNullable(awsToken).map(Secret::of)));
    }

    Optional<AliyunCredentials.StaticKeys> aliyun() {
        if (aliyunKeyId == null) {
            return Optional.empty();
        }
        return Optional.of(new AliyunCredentials.StaticKeys(
                aliyunKeyId,
                Secret.of(aliyunSecret),
                Optional.ofNullable(aliyunToken).map(Secret::of)));
    }

    @Override
    public String toString() {
        return "JobSecrets[aws="
                + (awsKeyId == null ? "cluster role" : Redaction.maskKeyId(awsKeyId) + "/" + Secret.MASK)
                + ", aliyun="
                + (aliyunKeyId == null ? "cluster role" : Redaction.maskKeyId(aliyunKeyId) + "/" + Secret.MASK)
                + "]";
    }
}
