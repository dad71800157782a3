package dev.lakeport.sparkjob.copy;

import dev.lakeport.copy.BlockPlan;
import dev.lakeport.copy.BlockResult;
import dev.lakeport.copy.BlockWriter;
import dev.lakeport.copy.CopyException;
import dev.lakeport.copy.TunnelRetries;
import dev.lakeport.copy.UploadHandle;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * An executor's share of one partition's upload: the rows of one Spark partition written as blocks of the driver's open
 * session. Block ids are {@code sparkPartition + sparkPartitions × n}, so a Spark task run again writes the same ids and
 * replaces its first attempt's blocks instead of adding to them. Returns the blocks written and their rows.
 */
final class WriteBlocks implements Function2<Integer, Iterator<Row>, Iterator<BlockResult>> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Destination destination;
    private final UploadHandle handle;
    private final int columns;
    private final long rowsPerBlock;
    private final int sparkPartitions;

    WriteBlocks(Destination destination, UploadHandle handle, int columns, long rowsPerBlock, int sparkPartitions) {
        this.destination = destination;
        this.handle = handle;
        this.columns = columns;
        this.rowsPerBlock = rowsPerBlock;
        this.sparkPartitions = Math.max(1, sparkPartitions);
    }

    @Override
    public Iterator<BlockResult> call(Integer index, Iterator<Row> rows) {
        List<BlockResult> written = new ArrayList<>();
        BlockWriter block = null;
        long sequence = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (block == null) {
                block = new BlockWriter(
                        destination.tunnel(), handle, blockId(index, sequence++), TunnelRetries.defaults());
            }
            block.write(SparkValues.row(row, columns));
            if (block.rows() >= rowsPerBlock) {
                written.add(block.finish());
                block = null;
            }
        }
        if (block != null) {
            written.add(block.finish());
        }
        return written.iterator();
    }

    private long blockId(int index, long sequence) {
        long id = index + (long) sparkPartitions * sequence;
        if (id >= BlockPlan.MAX_BLOCKS_PER_SESSION) {
            throw new CopyException(handle.target() + ": its rows need more than the "
                    + BlockPlan.MAX_BLOCKS_PER_SESSION + " blocks a session takes (" + sparkPartitions
                    + " Spark partitions, " + rowsPerBlock + " rows a block); raise the rows per block");
        }
        return id;
    }
}
