package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.connector.SplittableReader;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One Glue segment of a table's partitions: the segments of a table together hold each partition once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GluePartitionSegmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2_500;

    private GlueEmulator glue;
    private GlueConnector connector;

    @BeforeAll
    void start() {
        glue = GlueEmulator.start();
        ObjectNode db = JSON.createObjectNode().put("Name", "seg");
        glue.store().putDatabase(db);
        ObjectNode table = JSON.createObjectNode().put("Name", "events");
        table.putArray("PartitionKeys").addObject().put("Name", "dt").put("Type", "string");
        table.putObject("StorageDescriptor").put("Location", "s3://b/events/");
        glue.store().putTable("seg", table);
        List<ObjectNode> parts = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            ObjectNode p = JSON.createObjectNode();
            p.putArray("Values").add(String.format("2024%04d", i));
            p.putObject("StorageDescriptor").put("Location", "s3://b/events/dt=" + i + "/");
            parts.add(p);
        }
        glue.store().putPartitions("seg", "events", parts);
        connector = new GlueConnector(TestingGlueConnector.config(glue));
    }

    @AfterAll
    void stop() {
        connector.close();
        glue.close();
    }

    private Table table() {
        try (GlueCatalogReader reader = connector.reader()) {
            return reader.table("seg", "events").orElseThrow();
        }
    }

    @Test
    void segmentsTogetherHoldEveryPartitionExactlyOnce() {
        Table table = table();
        for (int total : new int[] {1, 3, 10}) {
            Set<List<String>> seen = new HashSet<>();
            long count = 0;
            int nonEmpty = 0;
            // read through the capability, as the Spark job does
            try (SplittableReader reader = connector.reader()) {
                for (int s = 0; s < total; s++) {
                    List<Partition> segment;
                    try (Stream<Partition> stream = reader.partitions(table, Optional.empty(), s, total)) {
                        segment = stream.toList();
                    }
                    nonEmpty += segment.isEmpty() ? 0 : 1;
                    count += segment.size();
                    segment.forEach(p -> seen.add(p.values()));
                }
            }
            assertThat(count).as("%d segments", total).isEqualTo(PARTITIONS);
            assertThat(seen).hasSize(PARTITIONS);
            assertThat(nonEmpty).as("segments with partitions of %d", total).isGreaterThan(total / 2);
        }
    }

    @Test
    void anExpressionIsPushedDownInEachSegment() {
        Table table = table();
        long count = 0;
        try (GlueCatalogReader reader = connector.reader()) {
            for (int s = 0; s < 4; s++) {
                try (Stream<Partition> stream = reader.partitions(table, Optional.of("dt < '20240100'"), s, 4)) {
                    count += stream.count();
                }
            }
        }
        assertThat(count).isEqualTo(100);
    }

    @Test
    void segmentNumbersOutsideGluesRangeAreRefusedWithTheRange() {
        Table table = table();
        try (GlueCatalogReader reader = connector.reader()) {
            // the job splits a table into as many segments as configured; Glue allows up to 10
            assertThat(reader.maxSplits()).isEqualTo(connector.config().segments());
            assertThatThrownBy(() -> reader.partitions(table, Optional.empty(), 0, 11))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 1 and 10");
            assertThatThrownBy(() -> reader.partitions(table, Optional.empty(), 3, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 0 and 2");
        }
    }
}
