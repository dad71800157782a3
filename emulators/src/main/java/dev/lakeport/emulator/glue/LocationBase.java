package dev.lakeport.emulator.glue;

import java.util.Arrays;

/**
 * The table-location prefix a partition's Location is stored against. When a partition sits at the Hive default
 * path ({@code <prefix><k1>=<v1>/<k2>=<v2>[/]}), nothing but this shared reference is kept for its Location.
 */
record LocationBase(String prefix, String[] keyNames, boolean trailingSlash) {
    String derive(String[] values) {
        StringBuilder path = new StringBuilder(prefix.length() + 16 * values.length).append(prefix);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                path.append('/');
            }
            path.append(keyNames[i]).append('=').append(values[i]);
        }
        if (trailingSlash) {
            path.append('/');
        }
        return path.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocationBase other
                && prefix.equals(other.prefix)
                && Arrays.equals(keyNames, other.keyNames)
                && trailingSlash == other.trailingSlash;
    }

    @Override
    public int hashCode() {
        return (prefix.hashCode() * 31 + Arrays.hashCode(keyNames)) * 2 + (trailingSlash ? 1 : 0);
    }

    @Override
    public String toString() {
        return prefix + Arrays.toString(keyNames) + (trailingSlash ? "/" : "");
    }
}
