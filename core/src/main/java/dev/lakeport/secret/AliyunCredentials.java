package dev.lakeport.secret;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** How Lakeport authenticates to Alibaba Cloud. */
public sealed interface AliyunCredentials {

    /** An AccessKey pair (seed keys {@code aliyun.accessKeyId} / {@code aliyun.secretAccessKey}). */
    record StaticKeys(String accessKeyId, Secret accessKeySecret, Optional<Secret> securityToken)
            implements AliyunCredentials {
        public StaticKeys {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(accessKeySecret, "accessKeySecret is null");
            securityToken = securityToken == null ? Optional.empty() : securityToken;
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + Redaction.maskKeyId(accessKeyId) + ", accessKeySecret=" + Secret.MASK
                    + "]";
        }
    }

    /** A profile of the Aliyun CLI config ({@code ~/.aliyun/config.json}) or credentials ini file. */
    record CredentialsFile(Optional<Path> file, String profile) implements AliyunCredentials {
        public CredentialsFile {
            file = file == null ? Optional.empty() : file;
            requireNonNull(profile, "profile is null");
        }
    }

    /**
     * The Alibaba credentials default chain: {@code ALIBABA_CLOUD_ACCESS_KEY_ID} / {@code _SECRET} in the
     * environment, the credentials file, then the ECS RAM role.
     */
    record DefaultChain() implements AliyunCredentials {}
}
