package dev.lakeport.emulator.maxcompute;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SDK's {@code Authorization: ODPS id:signature}: base64 HMAC-SHA1 over the method, Content-MD5, Content-Type,
 * Date, the sorted {@code x-odps-*} headers, the resource path without the endpoint's prefix, and the sorted query.
 */
final class OdpsSignature {
    private OdpsSignature() {}

    static String sign(
            String method,
            Function<String, String> header,
            Collection<String> headerNames,
            String path,
            Map<String, String> query,
            String secret) {
        StringBuilder s = new StringBuilder();
        s.append(method).append('\n');
        s.append(nullToEmpty(header.apply("Content-MD5"))).append('\n');
        s.append(nullToEmpty(header.apply("Content-Type"))).append('\n');
        s.append(nullToEmpty(header.apply("Date"))).append('\n');
        TreeMap<String, String> odps = new TreeMap<>();
        for (String name : headerNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-odps-")) {
                odps.put(lower, header.apply(name));
            }
        }
        odps.forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
        s.append(path);
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            new TreeMap<>(query).forEach((k, v) -> {
                if (q.length() > 0) {
                    q.append('&');
                }
                q.append(k);
                if (!v.isEmpty()) {
                    q.append('=').append(v);
                }
            });
            s.append('?').append(q);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
