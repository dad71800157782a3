package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Partition;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MaxCompute's limits of 6 partition levels and 60,000 partitions a table, as the SDK meets them. */
class MaxComputePartitionLimitsTest {
    private MaxComputeEmulator emulator;
    private Odps odps;

    @BeforeEach
    void start() {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("p1");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void run(String sql) throws OdpsException {
        Instance instance = SQLTask.run(odps, sql);
        instance.waitForSuccess();
    }

    @Test
    void aTableOfSevenPartitionLevelsIsRefusedAndNotCreated() throws OdpsException {
        assertThatThrownBy(() -> run("CREATE TABLE deep (id BIGINT) PARTITIONED BY"
                        + " (a STRING, b STRING, c STRING, d STRING, e STRING, f STRING, g STRING);"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130071")
                .hasMessageContaining("7 partition columns, more than the 6");
        assertThat(odps.tables().exists("p1", "deep")).isFalse();

        run(
                "CREATE TABLE six (id BIGINT) PARTITIONED BY (a STRING, b STRING, c STRING, d STRING, e STRING, f STRING);");
        assertThat(odps.tables().exists("p1", "six")).isTrue();
    }

    @Test
    void partitionsBeyondTheLimitAreRefusedBeforeAnyIsAdded() throws OdpsException {
        emulator.store().maxPartitionsPerTable(3);
        run("CREATE TABLE t (id BIGINT) PARTITIONED BY (dt STRING);");
        run("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt='1') PARTITION (dt='2');");

        assertThatThrownBy(() -> run("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt='3') PARTITION (dt='4');"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130071")
                .hasMessageContaining("table 't' would have 4 partitions, more than the 3");
        assertThat(partitions()).containsExactly("dt='1'", "dt='2'");

        // Partitions already there take no room again.
        run("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt='2') PARTITION (dt='3');");
        assertThat(partitions()).containsExactly("dt='1'", "dt='2'", "dt='3'");
    }

    private List<String> partitions() {
        List<String> out = new ArrayList<>();
        for (Partition p : odps.tables().get("p1", "t").getPartitions()) {
            out.add(p.getPartitionSpec().toString());
        }
        return out;
    }
}
