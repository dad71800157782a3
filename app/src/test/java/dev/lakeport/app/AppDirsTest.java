package dev.lakeport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppDirsTest {
    private final Path home = Path.of("/home/ana");

    @Test
    void linuxFollowsXdgWithItsDefaults() {
        AppDirs dirs = AppDirs.detect("Linux", Map.of(), home, Optional.empty());
        assertThat(dirs.config()).isEqualTo(Path.of("/home/ana/.config/lakeport"));
        assertThat(dirs.data()).isEqualTo(Path.of("/home/ana/.local/share/lakeport"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/home/ana/.local/state/lakeport/logs"));
        assertThat(dirs.projects()).isEqualTo(Path.of("/home/ana/.local/share/lakeport/projects"));
    }

    @Test
    void linuxHonoursXdgVariablesButIgnoresRelativeOnes() {
        AppDirs dirs = AppDirs.detect(
                "Linux", Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "relative/data"), home, Optional.empty());
        assertThat(dirs.config()).isEqualTo(Path.of("/cfg/lakeport"));
        assertThat(dirs.data()).isEqualTo(Path.of("/home/ana/.local/share/lakeport"));
    }

    @Test
    void windowsUsesAppData() {
        AppDirs dirs = AppDirs.detect(
                "Windows 11",
                Map.of("APPDATA", "/c/Users/ana/AppData/Roaming", "LOCALAPPDATA", "/c/Users/ana/AppData/Local"),
                home,
                Optional.empty());
        assertThat(dirs.config()).isEqualTo(Path.of("/c/Users/ana/AppData/Roaming/Lakeport"));
        assertThat(dirs.data()).isEqualTo(Path.of("/c/Users/ana/AppData/Local/Lakeport"));
    }

    @Test
    void macUsesApplicationSupportAndLibraryLogs() {
        AppDirs dirs = AppDirs.detect("Mac OS X", Map.of(), home, Optional.empty());
        assertThat(dirs.data()).isEqualTo(Path.of("/home/ana/Library/Application Support/Lakeport"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/home/ana/Library/Logs/Lakeport"));
    }

    @Test
    void anOverridePutsEverythingUnderOneFolder() {
        AppDirs dirs = AppDirs.detect("Linux", Map.of(), home, Optional.of("/tmp/lp"));
        assertThat(dirs.config()).startsWithRaw(Path.of("/tmp/lp"));
        assertThat(dirs.logs()).startsWithRaw(Path.of("/tmp/lp"));
    }
}
