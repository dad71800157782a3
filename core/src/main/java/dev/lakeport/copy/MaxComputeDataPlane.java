package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.Odps;
import dev.failsafe.RetryPolicy;
import dev.lakeport.connector.CatalogConnection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MaxCompute's data plane beside its catalog: rows written through the Tunnel ({@link TunnelWriter}, one overwrite
 * session per partition, paced within the Tunnel's limits for every task of a run together) and counted by its SQL
 * engine ({@link DestinationCounts}). Open one per run and share it between the run's tasks.
 */
public final class MaxComputeDataPlane {
    private final Odps odps;
    private final TunnelWriter writer;
    private final RetryPolicy<Object> retry;

    private MaxComputeDataPlane(Odps odps, TunnelWriter writer, RetryPolicy<Object> retry) {
        this.odps = odps;
        this.writer = writer;
        this.retry = retry;
    }

    /**
     * The data plane of {@code connection}; empty when the connection is not MaxCompute's (the copy writes into
     * MaxCompute only).
     */
    public static Optional<MaxComputeDataPlane> of(CatalogConnection connection, long rowsPerBlock) {
        return of(connection, rowsPerBlock, TunnelPacer.tunnelLimits());
    }

    /** As {@link #of(CatalogConnection, long)}, pacing sessions by {@code pacer} (a server with other limits). */
    public static Optional<MaxComputeDataPlane> of(CatalogConnection connection, long rowsPerBlock, TunnelPacer pacer) {
        requireNonNull(connection, "connection is null");
        requireNonNull(pacer, "pacer is null");
        RetryPolicy<Object> retry = TunnelRetries.defaults();
        return connection
                .client(Odps.class)
                .map(odps -> new MaxComputeDataPlane(
                        odps, new TunnelWriter(TunnelSessions.tunnel(odps), pacer, retry, rowsPerBlock), retry));
    }

    /** Replaces {@code target}'s rows with {@code rows} (values in the destination's column order). */
    public long write(TunnelTarget target, Iterator<? extends List<?>> rows) {
        return writer.write(target, rows);
    }

    /** {@code COUNT(*)} at the destination for every partition of the task, from grouped queries. */
    public Map<List<String>, DestinationCounts.PartitionStats> count(DestinationCounts.Task task) {
        return DestinationCounts.count(odps, task, retry);
    }
}
