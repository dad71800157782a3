package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordPack;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TableTunnel.UploadSession;
import com.aliyun.odps.tunnel.io.ProtobufRecordPack;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one block of an open upload session: the executor's side. Rows are given in the destination table's column
 * order, converted by {@link MaxComputeValues}, and kept in a record pack until {@link #finish()} sends the block, so
 * a throttled or broken send is sent again whole (a block id written twice replaces the first). The block size
 * therefore bounds the memory a writer holds. Nothing is visible until the driver commits the session.
 */
public final class BlockWriter {
    private final UploadHandle handle;
    private final long blockId;
    private final RetryPolicy<Object> retry;
    private final UploadSession session;
    private final List<Column> columns;
    private final RecordPack pack;
    private long rows;
    private boolean finished;

    public BlockWriter(TableTunnel tunnel, UploadHandle handle, long blockId, RetryPolicy<Object> retry) {
        this.handle = requireNonNull(handle, "handle is null");
        this.blockId = blockId;
        this.retry = requireNonNull(retry, "retry is null");
        if (blockId < 0 || blockId >= BlockPlan.MAX_BLOCKS_PER_SESSION) {
            throw new CopyException(handle.target() + ": block id " + blockId + " is outside the "
                    + BlockPlan.MAX_BLOCKS_PER_SESSION + " blocks a session takes");
        }
        try {
            this.session = Failsafe.with(retry).get(() -> TunnelSessions.attach(tunnel, handle));
            this.columns = session.getSchema().getColumns();
            this.pack = session.newRecordPack();
        } catch (RuntimeException | IOException e) {
            throw new CopyException(
                    "could not join the upload session " + handle.sessionId() + " of " + handle.target() + ": "
                            + TunnelSessions.reason(e),
                    e);
        }
    }

    /** Adds one row, its values in the table's column order. */
    public void write(Object[] row) {
        write(Arrays.asList(row));
    }

    /** Adds one row, its values in the table's column order. */
    public void write(List<?> row) {
        if (finished) {
            throw new IllegalStateException("block " + blockId + " of " + handle.target() + " is already sent");
        }
        if (row.size() != columns.size()) {
            throw new CopyException(handle.target() + ": a row has " + row.size() + " values, the table has "
                    + columns.size() + " columns");
        }
        Record record = session.newRecord();
        TunnelTarget target = handle.target();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            CellRef where = new CellRef(target.qualifiedTable(), target.partitionName(), column.getName());
            record.set(i, MaxComputeValues.toRecordValue(column.getTypeInfo(), row.get(i), where));
        }
        try {
            pack.append(record);
        } catch (IOException e) {
            throw new CopyException(handle.target() + ": could not add row " + (rows + 1) + " to block " + blockId, e);
        }
        rows++;
    }

    /** The rows added so far. */
    public long rows() {
        return rows;
    }

    /** About the bytes the block holds so far, uncompressed (the pack counts them in steps of its buffer). */
    public long bytes() {
        try {
            return ((ProtobufRecordPack) pack).getTotalBytes();
        } catch (ClassCastException e) {
            return 0;
        }
    }

    /** Sends the block (again, on a transient failure) and reports its rows. */
    public BlockResult finish() {
        if (!finished) {
            try {
                Failsafe.with(retry).run(() -> session.writeBlock(blockId, pack));
            } catch (RuntimeException e) {
                throw new CopyException(
                        "could not write block " + blockId + " of " + handle.target() + ": " + TunnelSessions.reason(e),
                        e);
            }
            finished = true;
        }
        return new BlockResult(blockId, rows);
    }
}
