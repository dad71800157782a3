package dev.lakeport.secret;

/** Masks identifiers that are not secret on their own but should not appear whole in shared files. */
public final class Redaction {
    private Redaction() {}

    /** {@code AKIDABCDEFGHIJKLMNOP} becomes {@code AKID****MNOP}; short ids are masked entirely. */
    public static String maskKeyId(String keyId) {
        if (keyId == null) {
            return "";
        }
        if (keyId.length() < 12) {
            return Secret.MASK;
        }
        return keyId.substring(0, 4) + Secret.MASK + keyId.substring(keyId.length() - 4);
    }
}
