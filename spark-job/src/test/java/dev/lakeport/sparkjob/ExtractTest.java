package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.SplittableReader;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Extract tasks split a table's partitions only where the source reader can split a listing. */
class ExtractTest {
    private static final Table TABLE = Table.builder("sales", "orders")
            .partitionKeys(List.of(Column.of("dt", "string")))
            .build();

    @Test
    void aSplittableReaderIsReadInTheConfiguredSplitsWithinWhatItAllows() {
        Reader reader = new SplittableStub(4);
        assertThat(Extract.splits(reader, 3)).isEqualTo(3);
        assertThat(Extract.splits(reader, 9)).isEqualTo(4);

        Extract.read(reader, TABLE, Optional.of("dt > '2024'"), unit(2, 3)).close();
        assertThat(reader.calls).containsExactly("split 2 of 3 of orders where dt > '2024'");
    }

    @Test
    void aReaderWithoutSplitsReadsEachTableInOneTask() {
        Reader reader = new Reader();
        assertThat(Extract.splits(reader, 4)).isEqualTo(1);

        Extract.read(reader, TABLE, Optional.empty(), unit(0, 1)).close();
        assertThat(reader.calls).containsExactly("all of orders");
    }

    private static ExtractUnit unit(int split, int splits) {
        return new ExtractUnit(true, TABLE.key().sortKey(), new byte[0], new byte[0], split, splits);
    }

    /** A reader that can list partitions only as a whole, and says which listing it was asked for. */
    private static class Reader implements CatalogReader {
        final List<String> calls = new ArrayList<>();

        @Override
        public Stream<Partition> partitions(Table table, Optional<String> expression) {
            calls.add("all of " + table.name()
                    + expression.map(e -> " where " + e).orElse(""));
            return Stream.empty();
        }

        @Override
        public Stream<Database> databases() {
            return Stream.empty();
        }

        @Override
        public Optional<Database> database(String name) {
            return Optional.empty();
        }

        @Override
        public Stream<Table> tables(String database) {
            return Stream.empty();
        }

        @Override
        public Optional<Table> table(String database, String name) {
            return Optional.empty();
        }

        @Override
        public List<Partition> partitions(Table table, List<List<String>> values) {
            return List.of();
        }

        @Override
        public Stream<Function> functions(String database) {
            return Stream.empty();
        }

        @Override
        public Optional<Function> function(String database, String name) {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }

    private static final class SplittableStub extends Reader implements SplittableReader {
        private final int maxSplits;

        SplittableStub(int maxSplits) {
            this.maxSplits = maxSplits;
        }

        @Override
        public int maxSplits() {
            return maxSplits;
        }

        @Override
        public Stream<Partition> partitions(Table table, Optional<String> expression, int split, int splits) {
            calls.add("split " + split + " of " + splits + " of " + table.name()
                    + expression.map(e -> " where " + e).orElse(""));
            return Stream.empty();
        }
    }
}
