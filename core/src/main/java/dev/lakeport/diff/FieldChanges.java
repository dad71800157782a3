package dev.lakeport.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.model.CatalogObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field differences of two objects, computed on their canonical JSON so that the fields shown are exactly
 * those that made the fingerprints differ.
 */
public final class FieldChanges {
    /** A table whose every column changed would list hundreds of lines; the first ones tell the story. */
    public static final int MAX_CHANGES = 200;

    private FieldChanges() {}

    /**
     * Changes from {@code before} (the destination) to {@code after} (the mapped source): empty exactly when their
     * canonical forms (and so their fingerprints) are equal.
     *
     * @throws IllegalStateException if the canonical forms differ but no field does: the canonical form would then
     *     depend on something other than the fields, and a diff would show an update with nothing to update
     */
    public static List<FieldChange> between(CatalogObject before, CatalogObject after) {
        byte[] a = CanonicalForm.toBytes(before);
        byte[] b = CanonicalForm.toBytes(after);
        if (Arrays.equals(a, b)) {
            return List.of();
        }
        List<FieldChange> out = new ArrayList<>();
        int[] omitted = {0};
        walk("", CanonicalForm.toJson(before), CanonicalForm.toJson(after), out, omitted);
        if (out.isEmpty()) {
            throw new IllegalStateException("the canonical forms of " + after.key()
                    + " differ but none of its fields does; the canonical form is not a function of the fields");
        }
        if (omitted[0] > 0) {
            out.add(new FieldChange("…", "", omitted[0] + " more changes not listed"));
        }
        return List.copyOf(out);
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out, int[] omitted) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, a.path(name), b.path(name), out, omitted);
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                walk(path + "[" + i + "]", a.path(i), b.path(i), out, omitted);
            }
            return;
        }
        if (out.size() >= MAX_CHANGES) {
            omitted[0]++;
            return;
        }
        out.add(new FieldChange(path.isEmpty() ? "$" : path, render(a), render(b)));
    }

    static String render(JsonNode node) {
        if (node == null || node instanceof MissingNode || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.toString();
    }
}
