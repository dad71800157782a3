package dev.lakeport.localcopy;

import dev.lakeport.copy.SourceData;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A source's data read from its files on this computer (a local path or a mounted one): rows by {@link TableFiles},
 * counts by {@link SourceCount}, which reads the files' own row counts (Parquet and ORC footers, Avro blocks) or
 * counts their records, apart from the reading that copies them.
 */
public final class LocalFiles implements SourceData {

    @Override
    public Stream<Object[]> rows(Table table, Optional<Partition> partition) {
        TableFiles files = TableFiles.of(table);
        return partition.map(files::rows).orElseGet(files::rows);
    }

    @Override
    public long count(Table table, Optional<Partition> partition) {
        SourceCount count = SourceCount.of(TableFiles.of(table));
        return partition.map(count::count).orElseGet(count::count);
    }

    @Override
    public String countedBy() {
        return "a separate scan of the files";
    }
}
