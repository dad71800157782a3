package dev.lakeport.app.pages.diff;

import dev.lakeport.diff.FieldChange;
import dev.lakeport.diff.ObjectFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Two sides' fields line by line, in canonical field order, with the changed ones marked. */
final class FieldRows {
    private FieldRows() {}

    /**
     * The fields of both sides line by line in canonical order. A field is marked changed when a stored change names
     * it (or an object around it) or when its two values differ.
     */
    static List<FieldRow> sideBySide(
            Map<String, String> source, Map<String, String> destination, List<FieldChange> changes) {
        Set<String> paths = new LinkedHashSet<>(source.keySet());
        paths.addAll(destination.keySet());
        boolean bothSides = !source.isEmpty() && !destination.isEmpty();
        List<FieldRow> out = new ArrayList<>();
        paths.stream().sorted(PATH_ORDER).forEach(path -> {
            String s = source.getOrDefault(path, "");
            String d = destination.getOrDefault(path, "");
            boolean changed = changes.stream().anyMatch(c -> ObjectFields.isWithin(path, c.path()))
                    || (bothSides && !Objects.equals(s, d));
            out.add(new FieldRow(path, s, d, changed));
        });
        // A change cut short by the diff ("… 12 more changes") names no field; keep its line.
        changes.stream()
                .filter(c ->
                        !paths.contains(c.path()) && paths.stream().noneMatch(p -> ObjectFields.isWithin(p, c.path())))
                .forEach(c -> out.add(new FieldRow(c.path(), c.after(), c.before(), true)));
        return out;
    }

    /** Canonical field order: names as text, list indexes as numbers ({@code columns[2]} before {@code columns[10]}). */
    static final Comparator<String> PATH_ORDER = (a, b) -> {
        String[] x = a.split("\\.|(?=\\[)");
        String[] y = b.split("\\.|(?=\\[)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = comparePart(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private static int comparePart(String a, String b) {
        if (a.startsWith("[") && b.startsWith("[") && a.endsWith("]") && b.endsWith("]")) {
            try {
                return Long.compare(
                        Long.parseLong(a.substring(1, a.length() - 1)), Long.parseLong(b.substring(1, b.length() - 1)));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }
}
