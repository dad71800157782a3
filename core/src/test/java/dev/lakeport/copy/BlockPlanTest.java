package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.copy.BlockPlan.Block;
import org.junit.jupiter.api.Test;

class BlockPlanTest {
    @Test
    void rowsAreCutIntoBlocksOfTheSetSizeCoveringEveryRowOnce() {
        BlockPlan plan = BlockPlan.of(250, 100);

        assertThat(plan.blocks()).containsExactly(new Block(0, 0, 100), new Block(1, 100, 100), new Block(2, 200, 50));
    }

    @Test
    void blocksGrowWhenTheSetSizeWouldNeedMoreThanASessionTakes() {
        long rows = 5_000_000_001L;

        BlockPlan plan = BlockPlan.of(rows, 1000);

        assertThat(plan.blocks()).hasSizeLessThanOrEqualTo(BlockPlan.MAX_BLOCKS_PER_SESSION);
        assertThat(plan.rowsPerBlock()).isEqualTo(250_001);
        assertThat(plan.blocks().stream().mapToLong(Block::rowCount).sum()).isEqualTo(rows);
        Block last = plan.blocks().get(plan.blocks().size() - 1);
        assertThat(last.firstRow() + last.rowCount()).isEqualTo(rows);
    }

    @Test
    void anEmptyPartitionHasNoBlocks() {
        assertThat(BlockPlan.of(0, 100).blocks()).isEmpty();
    }

    @Test
    void aBlockSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> BlockPlan.of(10, 0)).hasMessageContaining("rows per block must be at least 1, got 0");
    }
}
