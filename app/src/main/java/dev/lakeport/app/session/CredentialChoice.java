package dev.lakeport.app.session;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.snapshot.Side;
import java.util.Map;

/**
 * Whether a project says how each side signs in. A project the command line made holds no credentials (they never go
 * into the project file); without this check the desktop would fall back to the SDKs' default chains silently and a
 * run would fail with invalid credentials. A side is settled by keys, a profile or credentials file, or the user's
 * stored choice of the default chain ({@link ConfigKeys#AWS_DEFAULT_CHAIN}, {@link ConfigKeys#ALIYUN_DEFAULT_CHAIN}).
 */
public final class CredentialChoice {
    private CredentialChoice() {}

    /** Whether the settings say how {@code side} signs in. */
    public static boolean isSettled(Side side, Map<String, String> settings) {
        return side == Side.SOURCE ? awsSettled(settings) : aliyunSettled(settings);
    }

    /** The key that records the user's choice of the default chain for {@code side}. */
    public static String defaultChainKey(Side side) {
        return side == Side.SOURCE ? ConfigKeys.AWS_DEFAULT_CHAIN : ConfigKeys.ALIYUN_DEFAULT_CHAIN;
    }

    /** Whether the user chose the default chain for {@code side}. */
    public static boolean defaultChainChosen(Side side, Map<String, String> settings) {
        return "true"
                .equalsIgnoreCase(
                        settings.getOrDefault(defaultChainKey(side), "").trim());
    }

    private static boolean awsSettled(Map<String, String> s) {
        return (isSet(s, ConfigKeys.AWS_ACCESS_KEY_ID) && isSet(s, ConfigKeys.AWS_SECRET_ACCESS_KEY))
                || isSet(s, ConfigKeys.AWS_PROFILE)
                || defaultChainChosen(Side.SOURCE, s);
    }

    private static boolean aliyunSettled(Map<String, String> s) {
        return (isSet(s, ConfigKeys.ALIYUN_ACCESS_KEY_ID) && isSet(s, ConfigKeys.ALIYUN_SECRET_ACCESS_KEY))
                || isSet(s, ConfigKeys.ALIYUN_CREDENTIALS_FILE)
                || isSet(s, ConfigKeys.ALIYUN_PROFILE)
                || defaultChainChosen(Side.DESTINATION, s);
    }

    private static boolean isSet(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value != null && !value.isBlank();
    }
}
