package dev.lakeport.connector.dlf;

import com.aliyun.credentials.AlibabaCloudCredentials;
import com.aliyun.credentials.provider.ProfileCredentialsProvider;
import com.aliyun.credentials.utils.AuthUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.secret.AliyunCredentials;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Credentials that come from outside the project: a profile of a credentials file, or Alibaba's default chain, both
 * resolved by {@code com.aliyun.credentials}. Its profile reader is driven by process-wide settings (file and
 * profile), so they are set and restored under one lock. The Aliyun CLI's {@code config.json} is read here, since
 * that library only knows the ini file.
 */
final class DlfCredentials {
    private static final Object PROFILE_LOCK = new Object();

    private DlfCredentials() {}

    static com.aliyun.credentials.Client defaultChain() {
        try {
            return new com.aliyun.credentials.Client();
        } catch (Exception e) {
            throw failure("the default credentials chain", e);
        }
    }

    static com.aliyun.credentials.Client fromFile(AliyunCredentials.CredentialsFile file) {
        if (file.file().isPresent() && file.file().get().toString().endsWith(".json")) {
            return fromCliConfig(file.file().get(), file.profile());
        }
        AlibabaCloudCredentials resolved;
        synchronized (PROFILE_LOCK) {
            String previousFile = AuthUtils.getEnvironmentCredentialsFile();
            String previousProfile = AuthUtils.getClientType();
            try {
                file.file().ifPresent(p -> AuthUtils.setEnvironmentCredentialsFile(p.toString()));
                AuthUtils.setClientType(file.profile());
                resolved = new ProfileCredentialsProvider().getCredentials();
            } catch (Exception e) {
                throw failure("profile " + file.profile(), e);
            } finally {
                AuthUtils.setEnvironmentCredentialsFile(previousFile);
                AuthUtils.setClientType(previousProfile);
            }
        }
        if (resolved == null) {
            throw new ConnectorException(
                    ErrorCode.INVALID_CREDENTIALS, "DLF: no credentials for profile " + file.profile());
        }
        return keys(resolved.getAccessKeyId(), resolved.getAccessKeySecret(), resolved.getSecurityToken());
    }

    /** A profile of the Aliyun CLI's config.json: {@code profiles[{name, mode, access_key_id, ...}]}. */
    private static com.aliyun.credentials.Client fromCliConfig(Path path, String profile) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw failure(path.getFileName() + " (profile " + profile + ")", e);
        }
        for (JsonNode p : root.path("profiles")) {
            if (profile.equals(p.path("name").asText())) {
                String token = p.path("sts_token").asText("");
                return keys(
                        p.path("access_key_id").asText(),
                        p.path("access_key_secret").asText(),
                        token.isEmpty() ? null : token);
            }
        }
        throw new ConnectorException(
                ErrorCode.INVALID_CREDENTIALS, "DLF: profile " + profile + " is not in " + path.getFileName());
    }

    private static com.aliyun.credentials.Client keys(String id, String secret, String token) {
        com.aliyun.credentials.models.Config c = new com.aliyun.credentials.models.Config();
        c.type = token == null || token.isEmpty() ? "access_key" : "sts";
        c.accessKeyId = id;
        c.accessKeySecret = secret;
        c.securityToken = token;
        try {
            return new com.aliyun.credentials.Client(c);
        } catch (Exception e) {
            throw failure("the resolved keys", e);
        }
    }

    private static ConnectorException failure(String source, Exception e) {
        // The library's messages name files and profiles, never key material.
        return new ConnectorException(
                ErrorCode.INVALID_CREDENTIALS,
                null,
                "DLF: cannot load credentials from " + source + ": " + e.getMessage(),
                e);
    }
}
