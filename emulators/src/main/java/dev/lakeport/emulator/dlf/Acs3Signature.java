package dev.lakeport.emulator.dlf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an ACS3-HMAC-SHA256 signature as Alibaba Cloud's V3 signing documents it: the canonical request (method,
 * path, sorted RFC 3986 query, the signed headers, the payload's SHA-256) is hashed, prefixed with the algorithm and
 * signed with HMAC-SHA256 under the AccessKey secret.
 */
final class Acs3Signature {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "^ACS3-HMAC-SHA256\\s+Credential=([^,]+),\\s*SignedHeaders=([^,]+),\\s*Signature=([0-9a-fA-F]+)$");

    private Acs3Signature() {}

    /** Whether {@code authorization} is a valid signature of this request under {@code secret}. */
    static boolean verify(
            String authorization,
            String method,
            String path,
            String rawQuery,
            Function<String, String> header,
            byte[] body,
            String secret) {
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization.trim());
        if (m == null || !m.matches()) {
            return false;
        }
        String signedHeaders = m.group(2);
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = header.apply(name);
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(value == null ? "" : value.trim())
                    .append('\n');
        }
        String payloadHash = header.apply("x-acs-content-sha256");
        if (payloadHash == null) {
            payloadHash = hex(sha256(body));
        }
        String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery(rawQuery) + "\n" + canonicalHeaders
                + "\n" + signedHeaders + "\n" + payloadHash;
        String stringToSign = "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String expected = hex(hmac(secret, stringToSign));
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                m.group(3).toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            sorted.put(percentEncode(k), percentEncode(v));
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("&", parts);
    }

    /** RFC 3986: unreserved characters stay, everything else is %XX of its UTF-8 bytes. */
    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
