package dev.lakeport.sparkjob.copy;

import dev.failsafe.RetryPolicy;
import dev.lakeport.copy.BlockResult;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.copy.DestinationCounts;
import dev.lakeport.copy.PartitionCounts;
import dev.lakeport.copy.TunnelPacer;
import dev.lakeport.copy.TunnelRetries;
import dev.lakeport.copy.TunnelSessions;
import dev.lakeport.copy.TunnelTarget;
import dev.lakeport.copy.UploadHandle;
import dev.lakeport.copy.Verification;
import dev.lakeport.copy.VerifiedCopy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of a copy plan on the driver: every part copied (an overwrite session opened here, blocks written by the
 * executors, committed here with the blocks they reported), then verified by three counts per part — a separate Spark
 * {@code count()} of the same files, the rows in the committed blocks, {@code COUNT(*)} at MaxCompute from grouped
 * queries — and the parts that disagree copied again alone, at most {@link #RECOPIES} times.
 */
final class TaskCopier {
    private static final Logger LOG = LoggerFactory.getLogger(TaskCopier.class);

    /** As the project's own copy: partitions that disagree are copied again alone this often before the task fails. */
    static final int RECOPIES = dev.lakeport.pipeline.DataCopy.RECOPIES;

    static final long DEFAULT_ROWS_PER_BLOCK = dev.lakeport.copy.TunnelWriter.DEFAULT_ROWS_PER_BLOCK;

    private final SparkSession spark;
    private final Destination destination;
    private final long rowsPerBlock;
    private final RetryPolicy<Object> retry = TunnelRetries.defaults();
    private final int partitionsAtOnce;
    /** Called after each partition's commit; tests use it to change the destination behind the copy's back. */
    private final java.util.function.Consumer<TunnelTarget> afterCommit;

    private TunnelSessions sessions;
    private java.util.concurrent.ExecutorService pool;

    /** @param partitionsAtOnce how many partitions of a task are copied (and counted) at once, as Spark jobs */
    TaskCopier(SparkSession spark, Destination destination, long rowsPerBlock, int partitionsAtOnce) {
        this(spark, destination, rowsPerBlock, partitionsAtOnce, target -> {});
    }

    TaskCopier(
            SparkSession spark,
            Destination destination,
            long rowsPerBlock,
            int partitionsAtOnce,
            java.util.function.Consumer<TunnelTarget> afterCommit) {
        this.spark = spark;
        this.destination = destination;
        this.rowsPerBlock = rowsPerBlock;
        this.partitionsAtOnce = Math.max(1, partitionsAtOnce);
        this.afterCommit = afterCommit;
    }

    /**
     * {@code work} for every part, {@link #partitionsAtOnce} at a time (Spark runs jobs of several driver threads side
     * by side; the Tunnel's session limits are kept by the pacer). Every part is finished, committed or abandoned,
     * before the first failure is thrown. Results by part name, in the parts' order.
     */
    private Map<String, Long> each(List<CopyPlan.Part> parts, java.util.function.ToLongFunction<CopyPlan.Part> work) {
        Map<String, Long> results = new LinkedHashMap<>();
        if (partitionsAtOnce == 1 || parts.size() < 2) {
            parts.forEach(p -> results.put(p.name(), work.applyAsLong(p)));
            return results;
        }
        if (pool == null) {
            pool = java.util.concurrent.Executors.newFixedThreadPool(partitionsAtOnce, r -> {
                Thread t = new Thread(r, "lakeport-copy");
                t.setDaemon(true);
                return t;
            });
        }
        Map<String, java.util.concurrent.Future<Long>> futures = new LinkedHashMap<>();
        for (CopyPlan.Part p : parts) {
            futures.put(p.name(), pool.submit(() -> work.applyAsLong(p)));
        }
        RuntimeException failure = null;
        for (Map.Entry<String, java.util.concurrent.Future<Long>> f : futures.entrySet()) {
            try {
                results.put(f.getKey(), f.getValue().get());
            } catch (java.util.concurrent.ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r
                        ? r
                        : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.values().forEach(x -> x.cancel(true));
                throw new IllegalStateException("the copy was interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** Ends the threads of the copy's parallel partitions. */
    void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private synchronized TunnelSessions sessions() {
        if (sessions == null) {
            sessions = new TunnelSessions(destination.tunnel(), TunnelPacer.tunnelLimits(), retry);
        }
        return sessions;
    }

    /** Copies and verifies the task; a failure is the task's result, not an exception. */
    CopyResult.TaskResult copy(CopyPlan.Task task) {
        CopyPlan.Destination to = task.destination();
        String qualified = to.qualifiedName();
        List<String> log = new ArrayList<>();
        List<CopyResult.PartitionResult> counted = List.of();
        try {
            if (!to.partitionKeys().isEmpty() && task.parts().isEmpty()) {
                return result(task, CopyResult.SUCCEEDED, "no partitions, no data", null, counted, log);
            }
            VerifiedCopy.Outcome outcome = new VerifiedCopy<CopyPlan.Part>(
                            qualified, !to.partitionKeys().isEmpty(), RECOPIES, "a separate Spark count of the files")
                    .run(
                            task.parts(),
                            CopyPlan.Part::name,
                            new VerifiedCopy.Steps<>() {
                                @Override
                                public Map<String, Long> copy(List<CopyPlan.Part> parts) {
                                    return each(parts, part -> copyPart(task, part));
                                }

                                @Override
                                public Verification verify(Map<String, Long> written) {
                                    return TaskCopier.this.verify(task, written);
                                }
                            },
                            (level, message) -> log.add(message));
            counted = CopyResult.TaskResult.partitions(outcome.verification());
            return outcome.passed()
                    ? result(task, CopyResult.SUCCEEDED, outcome.text(), null, counted, log)
                    : result(task, CopyResult.FAILED, null, outcome.text(), counted, log);
        } catch (RuntimeException e) {
            LOG.error("task {} ({}) failed", task.taskId(), qualified, e);
            String error = message(e);
            log.add("failed: " + error);
            return result(task, CopyResult.FAILED, null, error, counted, log);
        }
    }

    private static CopyResult.TaskResult result(
            CopyPlan.Task task,
            String state,
            String summary,
            String error,
            List<CopyResult.PartitionResult> partitions,
            List<String> log) {
        return new CopyResult.TaskResult(
                task.taskId(),
                task.destination().database(),
                task.destination().qualifiedName(),
                state,
                summary,
                error,
                partitions,
                log);
    }

    private String where(CopyPlan.Task task, CopyPlan.Part part) {
        String source = task.source().qualifiedName();
        return part.name().isEmpty() ? source : source + " partition " + part.name();
    }

    /** Replaces the part's rows at the destination with its files' rows; returns the rows the blocks hold. */
    private long copyPart(CopyPlan.Task task, CopyPlan.Part part) {
        TunnelTarget target = task.destination().target(part.values());
        JavaRDD<Row> rows = SourceFiles.readFolded(
                        spark, task.source(), task.destination().partitionKeys().size(), part, where(task, part))
                .javaRDD();
        int sparkPartitions = rows.getNumPartitions();
        UploadHandle handle = sessions().open(target);
        List<BlockResult> blocks;
        try {
            spark.sparkContext().setJobDescription("lakeport copy " + target);
            blocks = rows.mapPartitionsWithIndex(
                            new WriteBlocks(
                                    destination,
                                    handle,
                                    task.destination().columnCount(),
                                    rowsPerBlock,
                                    sparkPartitions),
                            false)
                    .collect();
        } catch (RuntimeException e) {
            sessions().abandon(handle);
            throw e;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        sessions().commit(handle, blocks);
        afterCommit.accept(target);
        return blocks.stream().mapToLong(BlockResult::rows).sum();
    }

    private Verification verify(CopyPlan.Task task, Map<String, Long> written) {
        CopyPlan.Destination to = task.destination();
        List<String> keys = to.partitionKeys();
        Map<List<String>, DestinationCounts.PartitionStats> there = DestinationCounts.count(
                destination.odps(),
                new DestinationCounts.Task(
                        to.database(),
                        to.table(),
                        keys,
                        keys.isEmpty()
                                ? List.of()
                                : task.parts().stream()
                                        .map(CopyPlan.Part::values)
                                        .toList(),
                        List.of()),
                retry);
        Map<String, Long> atSources = each(task.parts(), part -> SourceFiles.readFolded(
                        spark, task.source(), task.destination().partitionKeys().size(), part, where(task, part))
                .count());
        List<PartitionCounts> counts = new ArrayList<>();
        for (CopyPlan.Part part : task.parts()) {
            long atSource = atSources.get(part.name());
            DestinationCounts.PartitionStats stats = there.get(part.values());
            Long rows = written.get(part.name());
            counts.add(new PartitionCounts(
                    to.qualifiedName(),
                    part.name(),
                    OptionalLong.of(atSource),
                    rows == null ? OptionalLong.empty() : OptionalLong.of(rows),
                    OptionalLong.of(stats == null ? 0 : stats.rows())));
        }
        return Verification.of(counts);
    }

    /** The failure's own words: a Spark job's failure names the executor's exception, which is what a user needs. */
    static String message(Throwable e) {
        Throwable t = e;
        String best = e.getMessage();
        // an executor's exception reaches the driver inside the stage's failure text
        java.util.regex.Matcher fromExecutor = java.util.regex.Pattern.compile(
                        "dev\\.lakeport\\.copy\\.CopyException: ([^\\n]*)")
                .matcher(String.valueOf(e.getMessage()));
        if (fromExecutor.find()) {
            return fromExecutor.group(1);
        }
        while (t != null) {
            if (t instanceof dev.lakeport.copy.CopyException && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t.getMessage() != null) {
                best = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return best == null ? e.getClass().getSimpleName() : best;
    }
}
