package dev.lakeport.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where and how a table's or partition's data is stored (Glue StorageDescriptor, DLF Sd). */
public record StorageDescriptor(
        List<Column> columns,
        Optional<String> location,
        Optional<String> inputFormat,
        Optional<String> outputFormat,
        boolean compressed,
        int numberOfBuckets,
        SerDeInfo serDeInfo,
        List<String> bucketColumns,
        List<SortColumn> sortColumns,
        SkewedInfo skewedInfo,
        boolean storedAsSubDirectories,
        Map<String, String> parameters) {

    public StorageDescriptor {
        columns = Immutables.list(columns);
        location = Immutables.optional(location);
        inputFormat = Immutables.optional(inputFormat);
        outputFormat = Immutables.optional(outputFormat);
        serDeInfo = serDeInfo == null ? SerDeInfo.EMPTY : serDeInfo;
        bucketColumns = Immutables.list(bucketColumns);
        sortColumns = Immutables.list(sortColumns);
        skewedInfo = skewedInfo == null ? SkewedInfo.EMPTY : skewedInfo;
        parameters = Immutables.map(parameters);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .columns(columns)
                .location(location.orElse(null))
                .inputFormat(inputFormat.orElse(null))
                .outputFormat(outputFormat.orElse(null))
                .compressed(compressed)
                .numberOfBuckets(numberOfBuckets)
                .serDeInfo(serDeInfo)
                .bucketColumns(bucketColumns)
                .sortColumns(sortColumns)
                .skewedInfo(skewedInfo)
                .storedAsSubDirectories(storedAsSubDirectories)
                .parameters(parameters);
    }

    public StorageDescriptor withLocation(String newLocation) {
        return toBuilder().location(newLocation).build();
    }

    public static final class Builder {
        private List<Column> columns = List.of();
        private String location;
        private String inputFormat;
        private String outputFormat;
        private boolean compressed;
        private int numberOfBuckets;
        private SerDeInfo serDeInfo = SerDeInfo.EMPTY;
        private List<String> bucketColumns = List.of();
        private List<SortColumn> sortColumns = List.of();
        private SkewedInfo skewedInfo = SkewedInfo.EMPTY;
        private boolean storedAsSubDirectories;
        private Map<String, String> parameters = Map.of();

        public Builder columns(List<Column> v) {
            columns = v;
            return this;
        }

        public Builder location(String v) {
            location = v;
            return this;
        }

        public Builder inputFormat(String v) {
            inputFormat = v;
            return this;
        }

        public Builder outputFormat(String v) {
            outputFormat = v;
            return this;
        }

        public Builder compressed(boolean v) {
            compressed = v;
            return this;
        }

        public Builder numberOfBuckets(int v) {
            numberOfBuckets = v;
            return this;
        }

        public Builder serDeInfo(SerDeInfo v) {
            serDeInfo = v;
            return this;
        }

        public Builder bucketColumns(List<String> v) {
            bucketColumns = v;
            return this;
        }

        public Builder sortColumns(List<SortColumn> v) {
            sortColumns = v;
            return this;
        }

        public Builder skewedInfo(SkewedInfo v) {
            skewedInfo = v;
            return this;
        }

        public Builder storedAsSubDirectories(boolean v) {
            storedAsSubDirectories = v;
            return this;
        }

        public Builder parameters(Map<String, String> v) {
            parameters = v;
            return this;
        }

        public StorageDescriptor build() {
            return new StorageDescriptor(
                    columns,
                    Immutables.text(location),
                    Immutables.text(inputFormat),
                    Immutables.text(outputFormat),
                    compressed,
                    numberOfBuckets,
                    serDeInfo,
                    bucketColumns,
                    sortColumns,
                    skewedInfo,
                    storedAsSubDirectories,
                    parameters);
        }
    }
}
