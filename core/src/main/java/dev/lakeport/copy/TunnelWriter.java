package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.tunnel.TableTunnel;
import dev.failsafe.RetryPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Copies one task, a table's partitions (or the whole table), through the Tunnel on this computer: per partition
 * one overwrite session, the rows cut into blocks of {@code rowsPerBlock} rows or {@link #MAX_BLOCK_BYTES} bytes,
 * whichever comes first (a block is held in memory until sent), the session committed with those blocks.
 * Returns the writer's count per partition, the rows it wrote; a re-run replaces each partition's rows. A partition
 * named {@code __HIVE_DEFAULT_PARTITION__} is written like any other.
 *
 * <p>The Spark job does the same split across machines: {@link TunnelSessions} on the driver, a {@link BlockWriter}
 * per block on the executors.
 */
public final class TunnelWriter {
    /** Rows per block unless set: small enough to hold in memory, large enough for few requests. */
    public static final long DEFAULT_ROWS_PER_BLOCK = 100_000;
    /** A block is sent once it holds this much, whatever its rows: wide rows must not fill the memory. */
    public static final long MAX_BLOCK_BYTES = 64L * 1024 * 1024;

    private final TableTunnel tunnel;
    private final TunnelSessions sessions;
    private final RetryPolicy<Object> retry;
    private final long rowsPerBlock;

    public TunnelWriter(TableTunnel tunnel, TunnelPacer pacer, RetryPolicy<Object> retry, long rowsPerBlock) {
        this.tunnel = requireNonNull(tunnel, "tunnel is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.sessions = new TunnelSessions(tunnel, pacer, retry);
        if (rowsPerBlock < 1) {
            throw new IllegalArgumentException("rows per block must be at least 1, got " + rowsPerBlock);
        }
        this.rowsPerBlock = rowsPerBlock;
    }

    /**
     * Writes every target of one task, in order, each from the rows {@code rows} gives for it (values in the
     * destination's column order). Returns the rows written per target.
     */
    public Map<TunnelTarget, Long> writeTask(
            List<TunnelTarget> targets, Function<TunnelTarget, ? extends Iterator<? extends List<?>>> rows) {
        Map<TunnelTarget, Long> written = new LinkedHashMap<>();
        for (TunnelTarget target : targets) {
            written.put(target, write(target, rows.apply(target)));
        }
        return written;
    }

    /** Replaces {@code target}'s rows with {@code rows}; returns how many were written. */
    public long write(TunnelTarget target, Iterator<? extends List<?>> rows) {
        UploadHandle handle = sessions.open(target);
        List<BlockResult> blocks = new ArrayList<>();
        try {
            long blockId = 0;
            while (rows.hasNext()) {
                if (blockId >= BlockPlan.MAX_BLOCKS_PER_SESSION) {
                    throw new CopyException(target + " needs more than " + BlockPlan.MAX_BLOCKS_PER_SESSION
                            + " blocks of at most " + rowsPerBlock + " rows; raise the rows per block");
                }
                BlockWriter block = new BlockWriter(tunnel, handle, blockId++, retry);
                while (rows.hasNext() && block.rows() < rowsPerBlock && block.bytes() < MAX_BLOCK_BYTES) {
                    block.write(rows.next());
                }
                blocks.add(block.finish());
            }
        } catch (RuntimeException e) {
            sessions.abandon(handle);
            throw e;
        }
        sessions.commit(handle, blocks);
        return blocks.stream().mapToLong(BlockResult::rows).sum();
    }
}
