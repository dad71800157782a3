package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

class GlueEmulatorTest {
    private GlueEmulator emulator;
    private GlueClient glue;

    @BeforeEach
    void start() {
        emulator = GlueEmulator.start();
        glue = TestingGlue.client(emulator);
    }

    @AfterEach
    void stop() {
        glue.close();
        emulator.close();
    }

    @Test
    void databaseTableAndPartitionRoundTripThroughTheSdk() {
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("Sales")));
        Database db = glue.getDatabase(r -> r.name("sales")).database();
        assertThat(db.name()).isEqualTo("sales");
        assertThat(db.locationUri()).isEqualTo("s3://bucket/Sales/");
        assertThat(db.createTime()).isNotNull();

        glue.createTable(r -> r.databaseName("sales")
                .tableInput(TestingGlue.partitionedTable("Orders", "s3://bucket/sales/orders/", "int")));
        Table table = glue.getTable(r -> r.databaseName("SALES").name("orders")).table();
        assertThat(table.name()).isEqualTo("orders");
        assertThat(table.databaseName()).isEqualTo("sales");
        assertThat(table.partitionKeys()).hasSize(2);
        assertThat(table.versionId()).isEqualTo("0");
        assertThat(table.createTime()).isEqualTo(table.updateTime());

        glue.createPartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionInput(TestingGlue.partition("s3://bucket/sales/orders/", "20240101", "7")));
        Partition partition = glue.getPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "7"))
                .partition();
        assertThat(partition.values()).containsExactly("20240101", "7");
        assertThat(partition.storageDescriptor().location()).isEqualTo("s3://bucket/sales/orders/dt=20240101/hr=7/");
        assertThat(partition.storageDescriptor().columns()).hasSize(2);
        assertThat(partition.creationTime()).isNotNull();
    }
}
