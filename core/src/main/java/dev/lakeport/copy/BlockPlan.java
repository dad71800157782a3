package dev.lakeport.copy;

import java.util.ArrayList;
import java.util.List;

/**
 * How a partition's rows are cut into the blocks of one upload session: blocks of {@code rowsPerBlock} rows, or
 * larger when that would make more than the 20,000 blocks a session takes. A driver that knows the row count plans
 * the blocks and gives each executor its range.
 */
public record BlockPlan(long rows, long rowsPerBlock, List<Block> blocks) {
    /** The Tunnel's limit of blocks in one upload session. */
    public static final int MAX_BLOCKS_PER_SESSION = 20_000;

    /** One block: its id in the session and the rows it takes, {@code [firstRow, firstRow + rowCount)}. */
    public record Block(long blockId, long firstRow, long rowCount) {}

    public BlockPlan {
        blocks = List.copyOf(blocks);
    }

    /** The plan for {@code rows} rows with blocks of at least {@code preferredRowsPerBlock} rows. */
    public static BlockPlan of(long rows, long preferredRowsPerBlock) {
        if (rows < 0) {
            throw new IllegalArgumentException("a partition cannot have " + rows + " rows");
        }
        if (preferredRowsPerBlock < 1) {
            throw new IllegalArgumentException("rows per block must be at least 1, got " + preferredRowsPerBlock);
        }
        long needed = (rows + MAX_BLOCKS_PER_SESSION - 1) / MAX_BLOCKS_PER_SESSION;
        long rowsPerBlock = Math.max(preferredRowsPerBlock, needed);
        List<Block> blocks = new ArrayList<>();
        for (long first = 0, id = 0; first < rows; first += rowsPerBlock, id++) {
            blocks.add(new Block(id, first, Math.min(rowsPerBlock, rows - first)));
        }
        return new BlockPlan(rows, rowsPerBlock, blocks);
    }
}
