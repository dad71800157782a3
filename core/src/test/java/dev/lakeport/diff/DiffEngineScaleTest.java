package dev.lakeport.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A million keys per side, generated as they are scanned and never stored: the diff must finish with memory that
 * does not grow with the catalog. The figures are printed, not asserted on time.
 */
class DiffEngineScaleTest {
    private static final int N = 1_000_000;

    /**
     * Source holds partitions 0..N-1, destination 1000..N+999: 1000 glueNew at the start, 1000 dlfNew at the end;
     * every 10,000th common partition differs in content.
     */
    private static final class SyntheticView implements SnapshotView {
        @Override
        public CloseableIterator<ScanEntry> scan(Side side) {
            int start = side == Side.SOURCE ? 0 : 1000;
            return new CloseableIterator<>() {
                int i = start;

                @Override
                public boolean hasNext() {
                    return i < start + N;
                }

                @Override
                public ScanEntry next() {
                    int v = i++;
                    long fingerprint = side == Side.DESTINATION && v % 10_000 == 0 ? -v : v;
                    return new ScanEntry(key(v), fingerprint);
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public Optional<CatalogObject> get(Side side, ObjectKey key) {
            String v = key.partitionValues().get(0);
            CatalogObject p = TestingCatalog.partition("db", "t", v);
            if (side == Side.DESTINATION) {
                p = ((dev.lakeport.model.Partition) p).withParameters(java.util.Map.of("changed", "yes"));
            }
            return Optional.of(p);
        }

        static ObjectKey key(int v) {
            return ObjectKey.partition("db", "t", List.of(String.format("%08d", v)));
        }
    }

    @Test
    void millionAgainstMillionRunsInFlatMemory() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        long[] peakLive = {0};
        long[] counted = {0};
        long[] gcNanos = {0};
        long[] scanned = {0};
        int[] samples = {0};
        DiffSink counting = e -> counted[0]++;
        // The live heap, measured after a collection every 200,000 keys of the merge (progress arrives every 10,000).
        ProgressListener sampling = new ProgressListener() {
            @Override
            public void advance(long done, long failed) {
                scanned[0] += done;
                if (scanned[0] % 200_000 == 0) {
                    long t0 = System.nanoTime();
                    System.gc();
                    gcNanos[0] += System.nanoTime() - t0;
                    samples[0]++;
                    peakLive[0] = Math.max(peakLive[0], rt.totalMemory() - rt.freeMemory());
                }
            }
        };
        long started = System.nanoTime();
        DiffSummary summary = new DiffEngine(new SyntheticView())
                .run(DiffOptions.defaults(), counting, sampling, CancellationToken.NONE);
        long millis = (System.nanoTime() - started - gcNanos[0]) / 1_000_000;
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();

        assertThat(summary.total(DiffResult.CREATE)).isEqualTo(1000);
        assertThat(summary.total(DiffResult.DELETE)).isEqualTo(1000);
        // Common values 1000..999999 divisible by 10,000: 10,000 .. 990,000.
        assertThat(summary.total(DiffResult.UPDATE)).isEqualTo(99);
        assertThat(counted[0]).isEqualTo(2099);
        assertThat(samples[0]).isGreaterThanOrEqualTo(5);
        // Holding 2M keys would take hundreds of MB; a flat merge stays within a few MB of where it started.
        assertThat(peakLive[0] - baseline).isLessThan(64L * 1024 * 1024);
        assertThat(after - baseline).isLessThan(64L * 1024 * 1024);
        System.out.printf(
                "diff 1,000,000 vs 1,000,000: %d ms (not counting %d forced GCs), live heap before %d MB,"
                        + " peak live during %d MB, after %d MB%n",
                millis, samples[0], baseline >> 20, peakLive[0] >> 20, after >> 20);
    }
}
