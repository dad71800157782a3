package dev.lakeport.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.model.CatalogObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every field of an object's canonical form as {@code path → value}, with the paths and value rendering of
 * {@link FieldChange}, so that a side-by-side view of two objects lines up with the changes a diff stored. Fields come
 * in the order {@link FieldChanges} walks them (names sorted, list items by index); empty maps and lists are left
 * out, as they hold no field.
 */
public final class ObjectFields {
    private ObjectFields() {}

    public static Map<String, String> of(CatalogObject object) {
        Map<String, String> out = new LinkedHashMap<>();
        walk("", CanonicalForm.toJson(object), out);
        return Collections.unmodifiableMap(out);
    }

    private static void walk(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, node.get(name), out);
            }
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), out);
            }
            return;
        }
        out.put(path.isEmpty() ? "$" : path, FieldChange.truncate(FieldChanges.render(node)));
    }

    /** Whether {@code path} is {@code changed} itself or a field inside it (a change may name a whole sub-object). */
    public static boolean isWithin(String path, String changed) {
        if (!path.startsWith(changed)) {
            return false;
        }
        if (path.length() == changed.length()) {
            return true;
        }
        char next = path.charAt(changed.length());
        return next == '.' || next == '[';
    }
}
