package dev.lakeport.emulator.maxcompute;

import java.util.LinkedHashMap;

/** Partition specs as the SDK sends them: {@code ds='1',hh='02'} (API) or {@code ds=1,hh=02} (Tunnel). */
final class Specs {
    private Specs() {}

    /** The spec's values by lower-cased key, in the order written; a malformed spec is refused with it quoted. */
    static LinkedHashMap<String, String> parse(String spec) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = spec.length();
        while (i < n) {
            int eq = spec.indexOf('=', i);
            if (eq < 0) {
                throw bad(spec);
            }
            String key = spec.substring(i, eq).trim();
            int j = eq + 1;
            while (j < n && spec.charAt(j) == ' ') {
                j++;
            }
            String value;
            if (j < n && (spec.charAt(j) == '\'' || spec.charAt(j) == '"')) {
                char quote = spec.charAt(j);
                int end = spec.indexOf(quote, j + 1);
                if (end < 0) {
                    throw bad(spec);
                }
                value = spec.substring(j + 1, end);
                j = end + 1;
                while (j < n && spec.charAt(j) == ' ') {
                    j++;
                }
            } else {
                int end = spec.indexOf(',', j);
                end = end < 0 ? n : end;
                value = spec.substring(j, end).trim();
                j = end;
            }
            if (key.isEmpty()) {
                throw bad(spec);
            }
            out.put(MaxComputeStore.normalise(key), value);
            if (j < n) {
                if (spec.charAt(j) != ',' && spec.charAt(j) != '/') {
                    throw bad(spec);
                }
                j++;
            }
            i = j;
        }
        if (out.isEmpty()) {
            throw bad(spec);
        }
        return out;
    }

    private static MaxComputeException bad(String spec) {
        return new MaxComputeException(400, "InvalidPartitionSpec", "Invalid partition spec: '" + spec + "'");
    }
}
