package dev.lakeport.sparkjob;

import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObjectKey#sortKey()} strings, which the job moves instead of keys: they sort in key order as plain strings
 * (so the shuffle sorts them without a comparator), and parse back exactly, since names and values never hold the
 * separator (a control character).
 */
final class Keys {
    private static final char SEP = ObjectKey.SEPARATOR;

    private Keys() {}

    static ObjectKey parse(String sortKey) {
        List<String> parts = split(sortKey);
        String db = parts.get(0);
        if (parts.size() == 2 && parts.get(1).equals("0")) {
            return ObjectKey.database(db);
        }
        if (parts.size() == 3 && parts.get(1).equals("2")) {
            return ObjectKey.function(db, parts.get(2));
        }
        if (parts.size() == 4 && parts.get(1).equals("1") && parts.get(3).equals("0")) {
            return ObjectKey.table(db, parts.get(2));
        }
        if (parts.size() >= 5 && parts.get(1).equals("1") && parts.get(3).equals("1")) {
            return ObjectKey.partition(db, parts.get(2), parts.subList(4, parts.size()));
        }
        throw new IllegalArgumentException("not a sort key: " + sortKey.replace(SEP, '|'));
    }

    /** The sort key of the table a partition's sort key belongs to; empty for other kinds. */
    static Optional<String> tableOf(String sortKey) {
        int seps = 0;
        for (int i = 0; i < sortKey.length(); i++) {
            if (sortKey.charAt(i) == SEP && ++seps == 3) {
                // db SEP 1 SEP table SEP 1 ...: the table's own key ends in SEP 0
                if (i + 1 < sortKey.length() && sortKey.charAt(i + 1) == '1') {
                    return Optional.of(sortKey.substring(0, i) + SEP + '0');
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean isPartition(String sortKey) {
        return parse(sortKey).kind() == ObjectKind.PARTITION;
    }

    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == SEP) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }
}
