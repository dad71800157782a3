package dev.lakeport.emulator.glue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) as AWS documents it, for the requests Glue clients
 * send: {@code POST /} with a JSON body, no query string. The emulator calls it only for access keys registered with
 * their secret.
 */
final class SigV4 {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]+)");

    private SigV4() {}

    /** The access key id an Authorization header names, or null. */
    static String accessKeyId(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    /** Whether the header is a well-formed SigV4 Authorization (credential, signed headers and a signature). */
    static boolean wellFormed(String authorization) {
        return authorization != null && AUTHORIZATION.matcher(authorization).find();
    }

    static boolean verify(
            String authorization,
            String method,
            String path,
            String rawQuery,
            Function<String, String> header,
            byte[] body,
            String secret) {
        Matcher m = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        if (!m.find()) {
            return false;
        }
        String scope = m.group(2);
        String signedHeaders = m.group(3);
        String signature = m.group(4);
        String[] scopeParts = scope.split("/");
        String amzDate = header.apply("x-amz-date");
        if (scopeParts.length != 4 || amzDate == null) {
            return false;
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = header.apply(name);
            if (value == null) {
                return false;
            }
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(value.trim().replaceAll(" +", " "))
                    .append('\n');
        }
        String payloadHash = header.apply("x-amz-content-sha256");
        if (payloadHash == null || payloadHash.startsWith("UNSIGNED") || payloadHash.startsWith("STREAMING")) {
            payloadHash = hex(sha256(body));
        }
        String canonicalRequest = method + "\n" + (path == null || path.isEmpty() ? "/" : path) + "\n"
                + (rawQuery == null ? "" : rawQuery) + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n"
                + payloadHash;
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scopeParts[0]);
        key = hmac(key, scopeParts[1]);
        key = hmac(key, scopeParts[2]);
        key = hmac(key, scopeParts[3]);
        String expected = hex(hmac(key, stringToSign));
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
