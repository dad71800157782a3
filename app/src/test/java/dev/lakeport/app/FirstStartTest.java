package dev.lakeport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new user's first window opens the sample project; later starts open what the user asks for. */
class FirstStartTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartIsRememberedAcrossStarts() {
        Path file = dir.resolve("config").resolve("preferences.properties");
        AppPreferences first = new AppPreferences(file);
        assertThat(first.firstStart()).isTrue();

        first.markStarted();

        assertThat(new AppPreferences(file).firstStart()).isFalse();
    }

    @Test
    void otherPreferencesDoNotCountAsAStart() {
        Path file = dir.resolve("preferences.properties");
        new AppPreferences(file).setDarkTheme(true);

        assertThat(new AppPreferences(file).firstStart()).isTrue();
    }

    @Test
    void theFirstStartOpensTheSampleUnlessAProjectIsNamed() {
        assertThat(StartupOptions.parse().opensSample(true)).isTrue();
        assertThat(StartupOptions.parse("--project", "sales.lakeport").opensSample(true))
                .isFalse();
    }

    @Test
    void laterStartsOpenTheSampleOnlyWhenAsked() {
        assertThat(StartupOptions.parse().opensSample(false)).isFalse();
        assertThat(StartupOptions.parse("--sample").opensSample(false)).isTrue();
    }
}
