package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A table or view. Views carry their texts; Iceberg, Hudi and Delta tables are recognised by {@link #format()}. */
public record Table(
        String databaseName,
        String name,
        Optional<String> description,
        Optional<String> owner,
        Optional<Instant> createTime,
        Optional<Instant> lastAccessTime,
        Optional<Instant> lastAnalyzedTime,
        int retention,
        Optional<StorageDescriptor> storageDescriptor,
        List<Column> partitionKeys,
        Optional<String> viewOriginalText,
        Optional<String> viewExpandedText,
        Optional<String> tableType,
        Map<String, String> parameters)
        implements CatalogObject {

    public Table {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        description = Immutables.optional(description);
        owner = Immutables.optional(owner);
        createTime = Immutables.optional(createTime);
        lastAccessTime = Immutables.optional(lastAccessTime);
        lastAnalyzedTime = Immutables.optional(lastAnalyzedTime);
        storageDescriptor = Immutables.optional(storageDescriptor);
        partitionKeys = Immutables.list(partitionKeys);
        viewOriginalText = Immutables.optional(viewOriginalText);
        viewExpandedText = Immutables.optional(viewExpandedText);
        tableType = Immutables.optional(tableType);
        parameters = Immutables.map(parameters);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.table(databaseName, name);
    }

    public TableFormat format() {
        return TableFormat.of(
                tableType.orElse(""),
                parameters,
                storageDescriptor.flatMap(StorageDescriptor::inputFormat).orElse(null));
    }

    public boolean isView() {
        return format() == TableFormat.VIEW;
    }

    public boolean isPartitioned() {
        return !partitionKeys.isEmpty();
    }

    public static Builder builder(String databaseName, String name) {
        return new Builder(databaseName, name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(databaseName, name);
        b.description = description.orElse(null);
        b.owner = owner.orElse(null);
        b.createTime = createTime.orElse(null);
        b.lastAccessTime = lastAccessTime.orElse(null);
        b.lastAnalyzedTime = lastAnalyzedTime.orElse(null);
        b.retention = retention;
        b.storageDescriptor = storageDescriptor.orElse(null);
        b.partitionKeys = partitionKeys;
        b.viewOriginalText = viewOriginalText.orElse(null);
        b.viewExpandedText = viewExpandedText.orElse(null);
        b.tableType = tableType.orElse(null);
        b.parameters = parameters;
        return b;
    }

    public static final class Builder {
        private String databaseName;
        private String name;
        private String description;
        private String owner;
        private Instant createTime;
        private Instant lastAccessTime;
        private Instant lastAnalyzedTime;
        private int retention;
        private StorageDescriptor storageDescriptor;
        private List<Column> partitionKeys = List.of();
        private String viewOriginalText;
        private String viewExpandedText;
        private String tableType;
        private Map<String, String> parameters = Map.of();

        private Builder(String databaseName, String name) {
            this.databaseName = databaseName;
            this.name = name;
        }

        public Builder databaseName(String v) {
            databaseName = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder createTime(Instant v) {
            createTime = v;
            return this;
        }

        public Builder lastAccessTime(Instant v) {
            lastAccessTime = v;
            return this;
        }

        public Builder lastAnalyzedTime(Instant v) {
            lastAnalyzedTime = v;
            return this;
        }

        public Builder retention(int v) {
            retention = v;
            return this;
        }

        public Builder storageDescriptor(StorageDescriptor v) {
            storageDescriptor = v;
            return this;
        }

        public Builder partitionKeys(List<Column> v) {
            partitionKeys = v;
            return this;
        }

        public Builder viewOriginalText(String v) {
            viewOriginalText = v;
            return this;
        }

        public Builder viewExpandedText(String v) {
            viewExpandedText = v;
            return this;
        }

        public Builder tableType(String v) {
            tableType = v;
            return this;
        }

        public Builder parameters(Map<String, String> v) {
            parameters = v;
            return this;
        }

        public Table build() {
            return new Table(
                    databaseName,
                    name,
                    Immutables.text(description),
                    Immutables.text(owner),
                    Optional.ofNullable(createTime),
                    Optional.ofNullable(lastAccessTime),
                    Optional.ofNullable(lastAnalyzedTime),
                    retention,
                    Optional.ofNullable(storageDescriptor),
                    partitionKeys,
                    Immutables.text(viewOriginalText),
                    Immutables.text(viewExpandedText),
                    Immutables.text(tableType),
                    parameters);
        }
    }
}
