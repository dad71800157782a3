package dev.lakeport.emulator.glue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A storage descriptor without its Location, interned: most partitions of a table share columns, formats and serde,
 * so each partition keeps only a reference. The JSON text is prepared once, with and without Columns, so pages of
 * partitions serialise without walking the tree again.
 */
final class SharedDescriptor {
    private final ObjectNode withoutLocation;
    private final String fields;
    private final String fieldsWithoutColumns;

    SharedDescriptor(ObjectNode withoutLocation) {
        this.withoutLocation = withoutLocation;
        this.fields = innerFields(withoutLocation);
        ObjectNode noColumns = withoutLocation.deepCopy();
        noColumns.remove("Columns");
        this.fieldsWithoutColumns = innerFields(noColumns);
    }

    /** The caller must not modify the returned node. */
    ObjectNode withoutLocation() {
        return withoutLocation;
    }

    /** The members as JSON text without the enclosing braces (empty when there are none). */
    String fields(boolean excludeColumns) {
        return excludeColumns ? fieldsWithoutColumns : fields;
    }

    private static String innerFields(ObjectNode node) {
        try {
            String text = Wire.MAPPER.writeValueAsString(node);
            return text.substring(1, text.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a storage descriptor", e);
        }
    }
}
