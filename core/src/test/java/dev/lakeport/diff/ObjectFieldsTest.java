package dev.lakeport.diff;

import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectFieldsTest {
    @Test
    void listsEveryFieldOfTheCanonicalFormByPath() {
        Map<String, String> fields = ObjectFields.of(table("sales", "Orders", "oss://b/orders"));
        assertThat(fields)
                .containsEntry("name", "orders")
                .containsEntry("storageDescriptor.location", "oss://b/orders")
                .containsEntry("storageDescriptor.columns[0].name", "id")
                .containsEntry("storageDescriptor.columns[1].type", "string")
                .containsEntry("parameters.classification", "parquet");
        List<String> paths = List.copyOf(fields.keySet());
        assertThat(paths.indexOf("storageDescriptor.columns[0].name"))
                .isLessThan(paths.indexOf("storageDescriptor.columns[1].name"));
    }

    @Test
    void pathsLineUpWithTheChangesADiffStores() {
        Table before = table("sales", "orders", "oss://b/old");
        Table after = before.toBuilder()
                .parameters(Map.of("classification", "orc", "owner", "bi"))
                .build();
        Map<String, String> left = ObjectFields.of(before);
        Map<String, String> right = ObjectFields.of(after);
        for (FieldChange change : FieldChanges.between(before, after)) {
            assertThat(left.getOrDefault(change.path(), "")).isEqualTo(change.before());
            assertThat(right.getOrDefault(change.path(), "")).isEqualTo(change.after());
        }
        assertThat(FieldChanges.between(before, after)).hasSize(2);
    }

    @Test
    void aFieldIsWithinAChangedPathOnlyAtAPathBoundary() {
        assertThat(ObjectFields.isWithin("storageDescriptor.serdeInfo.name", "storageDescriptor.serdeInfo"))
                .isTrue();
        assertThat(ObjectFields.isWithin("storageDescriptor.columns[2].type", "storageDescriptor.columns"))
                .isTrue();
        assertThat(ObjectFields.isWithin("parameters.a", "parameters.a")).isTrue();
        assertThat(ObjectFields.isWithin("parameters.ab", "parameters.a")).isFalse();
    }
}
