package dev.lakeport.canonical;

import dev.lakeport.model.CatalogObject;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 64-bit fingerprint of an object's canonical form. The diff compares fingerprints of objects with the same key
 * only, so 64 bits leave a chance of about 2^-64 that a change goes unseen.
 */
public final class Fingerprint {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private Fingerprint() {}

    public static long of(CatalogObject object) {
        return ofCanonicalBytes(CanonicalForm.toBytes(object));
    }

    public static long ofCanonicalBytes(byte[] canonical) {
        return ByteBuffer.wrap(SHA256.get().digest(canonical)).getLong();
    }
}
