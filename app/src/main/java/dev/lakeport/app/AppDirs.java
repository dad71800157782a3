package dev.lakeport.app;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the app keeps its files, by the rules of each OS: XDG folders on Linux, AppData on Windows, Application
 * Support on macOS. Never the install folder. {@code -Dlakeport.home=DIR} puts everything under one folder (tests,
 * portable use).
 */
public record AppDirs(Path config, Path data, Path logs) {
    public AppDirs {
        requireNonNull(config, "config is null");
        requireNonNull(data, "data is null");
        requireNonNull(logs, "logs is null");
    }

    /** Projects the user creates without choosing a folder, and the sample project. */
    public Path projects() {
        return data.resolve("projects");
    }

    public static AppDirs of(Path home) {
        return new AppDirs(home.resolve("config"), home.resolve("data"), home.resolve("logs"));
    }

    public static AppDirs detect() {
        return detect(
                System.getProperty("os.name", ""),
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                Optional.ofNullable(System.getProperty("lakeport.home")).filter(s -> !s.isBlank()));
    }

    static AppDirs detect(String osName, Map<String, String> env, Path userHome, Optional<String> override) {
        if (override.isPresent()) {
            return of(Path.of(override.get()));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = env("APPDATA", env)
                    .map(Path::of)
                    .orElse(userHome.resolve("AppData").resolve("Roaming"));
            Path local = env("LOCALAPPDATA", env)
                    .map(Path::of)
                    .orElse(userHome.resolve("AppData").resolve("Local"));
            return new AppDirs(
                    roaming.resolve("Lakeport"),
                    local.resolve("Lakeport"),
                    local.resolve("Lakeport").resolve("Logs"));
        }
        if (os.startsWith("mac")) {
            Path support =
                    userHome.resolve("Library").resolve("Application Support").resolve("Lakeport");
            return new AppDirs(
                    support,
                    support,
                    userHome.resolve("Library").resolve("Logs").resolve("Lakeport"));
        }
        Path config = env("XDG_CONFIG_HOME", env).map(Path::of).orElse(userHome.resolve(".config"));
        Path data = env("XDG_DATA_HOME", env)
                .map(Path::of)
                .orElse(userHome.resolve(".local").resolve("share"));
        Path state = env("XDG_STATE_HOME", env)
                .map(Path::of)
                .orElse(userHome.resolve(".local").resolve("state"));
        return new AppDirs(
                config.resolve("lakeport"),
                data.resolve("lakeport"),
                state.resolve("lakeport").resolve("logs"));
    }

    private static Optional<String> env(String name, Map<String, String> env) {
        // XDG says relative values are invalid and must be ignored.
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).filter(v -> Path.of(v)
                .isAbsolute());
    }
}
