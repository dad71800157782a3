package dev.lakeport.localcopy;

import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads tables and prints their rows and counts, one line each: run in a JVM with the package's class path. */
public final class ReadAll {
    private ReadAll() {}

    /** Arguments: {@code location|inputFormat|serde} per table, all with {@link Rows#COLUMNS} and key {@code dt}. */
    public static void main(String[] args) {
        for (String line : lines(args)) {
            System.out.println(line);
        }
    }

    static List<String> lines(String... tables) {
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            String[] p = t.split("\\|");
            Path location = Paths.get(p[0]);
            StorageDescriptor sd = StorageDescriptor.builder()
                    .columns(Rows.COLUMNS)
                    .location(location.toString())
                    .inputFormat(p[1])
                    .serDeInfo(SerDeInfo.of(p[2], Map.of()))
                    .build();
            TableFiles files = TableFiles.of("db." + location.getFileName(), sd, Rows.PARTITION_KEYS, Map.of());
            try (Stream<Object[]> rows = files.rows()) {
                rows.forEach(r -> out.add(location.getFileName() + " " + Arrays.deepToString(r)));
            }
            out.add(location.getFileName() + " count " + SourceCount.of(files).count());
        }
        return out;
    }
}
