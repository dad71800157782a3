package dev.lakeport.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window shows the same icon the installers use, in the sizes the window managers ask for. */
class WindowIconTest {
    @Test
    void theIconsAreOnTheClassPath() {
        for (int size : new int[] {16, 32, 48, 256}) {
            assertThat(LakeportApplication.class.getResource("/dev/lakeport/app/icons/lakeport-" + size + ".png"))
                    .as("lakeport-%d.png", size)
                    .isNotNull();
        }
    }
}
