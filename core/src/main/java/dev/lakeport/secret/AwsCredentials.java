package dev.lakeport.secret;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** How Lakeport authenticates to AWS. */
public sealed interface AwsCredentials {

    /** An access key pair given by the user (seed keys {@code aws.accessKeyId} / {@code aws.secretAccessKey}). */
    record StaticKeys(String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken)
            implements AwsCredentials {
        public StaticKeys {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
            sessionToken = sessionToken == null ? Optional.empty() : sessionToken;
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + Redaction.maskKeyId(accessKeyId) + ", secretAccessKey=" + Secret.MASK
                    + "]";
        }
    }

    /** A named profile of the AWS shared config / credentials files. */
    record Profile(String name) implements AwsCredentials {
        public Profile {
            requireNonNull(name, "name is null");
        }
    }

    /** The SDK's default chain: environment, system properties, profile, container and instance roles. */
    record DefaultChain() implements AwsCredentials {}
}
