package dev.lakeport.sparkjob;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRule;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The transform phase: after the shuffle, a Spark partition holds whole tables, sorted by key, both sides mixed. The
 * records of one key are adjacent, so one pass pairs them, as the direct diff merges two sorted scans, and each pair
 * is judged by the direct diff's own {@link DiffRule}. Memory stays flat: one key at a time.
 */
final class Transform {
    private Transform() {}

    static Iterator<DiffRecord> diff(
            DiffRule rule, Iterator<Tuple2<String, SideRecord>> sorted, LongAccumulator compared) {
        return new Iterator<>() {
            private Tuple2<String, SideRecord> pending = sorted.hasNext() ? sorted.next() : null;
            private DiffRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && pending != null) {
                    next = nextKey();
                }
                return next != null;
            }

            @Override
            public DiffRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                DiffRecord r = next;
                next = null;
                return r;
            }

            /** Consumes every record of the next key; the difference, or null if both sides agree. */
            private DiffRecord nextKey() {
                String key = pending._1();
                SideRecord source = null;
                SideRecord destination = null;
                while (pending != null && pending._1().equals(key)) {
                    if (pending._2().source()) {
                        source = pending._2();
                    } else {
                        destination = pending._2();
                    }
                    pending = sorted.hasNext() ? sorted.next() : null;
                }
                compared.add(1);
                Optional<DiffResult> result = rule.compare(
                        Keys.parse(key),
                        source == null ? OptionalLong.empty() : OptionalLong.of(source.fingerprint()),
                        destination == null ? OptionalLong.empty() : OptionalLong.of(destination.fingerprint()));
                if (result.isEmpty()) {
                    return null;
                }
                return new DiffRecord(key, result.get(), result.get() == DiffResult.DELETE ? null : source.mapped());
            }
        };
    }
}
