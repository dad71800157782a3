package dev.lakeport.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.ObjectKind;
import dev.lakeport.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Figures, not a test: 100,000 partitions applied to the in-memory destination. Run with -Dlakeport.bench=true. */
@EnabledIfSystemProperty(named = "lakeport.bench", matches = "true")
class ExecutorBench {
    @TempDir
    Path logDir;

    @Test
    void hundredThousandPartitions() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(10, 5000);
        Plan plan = f.plan();
        long t0 = System.nanoTime();
        RunSummary summary = f.run(
                plan,
                f.options().withConcurrency(32),
                dev.lakeport.progress.CancellationToken.NONE,
                dev.lakeport.progress.ProgressListener.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(summary.counts(ObjectKind.PARTITION).created()).isEqualTo(100_000);
        System.out.printf(
                "bench: applied %,d objects (%,d batch calls) in %,d ms, result log and H2 included%n",
                summary.totals().total(), f.destination.writeCalls(), ms);
    }
}
