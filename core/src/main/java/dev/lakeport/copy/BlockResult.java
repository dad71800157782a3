package dev.lakeport.copy;

import java.io.Serializable;

/** One block written into a session and the rows it holds: the writer's own count, summed per partition. */
public record BlockResult(long blockId, long rows) implements Serializable {
    public BlockResult {
        if (blockId < 0 || blockId >= BlockPlan.MAX_BLOCKS_PER_SESSION) {
            throw new IllegalArgumentException(
                    "block id " + blockId + " is outside 0 to " + (BlockPlan.MAX_BLOCKS_PER_SESSION - 1));
        }
        if (rows < 0) {
            throw new IllegalArgumentException("a block cannot hold " + rows + " rows");
        }
    }
}
