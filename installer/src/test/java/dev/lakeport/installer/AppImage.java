package dev.lakeport.installer;

import java.nio.file.Path;
import java.util.Locale;

/** Where the build left the app image, and where each OS's image keeps its launchers and jars. */
final class AppImage {
    private AppImage() {}

    static String version() {
        return System.getProperty("lakeport.version", "");
    }

    /** The folder holding the image ({@code lakeport/} or {@code lakeport.app/}). */
    static Path root() {
        return Path.of(System.getProperty("lakeport.appImage"));
    }

    /** The folder with the application's jars ({@code $APPDIR}). */
    static Path appDir() {
        return Path.of(System.getProperty("lakeport.appDir"));
    }

    static Path launcher(String name) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return root().resolve("lakeport").resolve(name + ".exe");
        }
        if (os.startsWith("mac")) {
            return root().resolve("lakeport.app")
                    .resolve("Contents")
                    .resolve("MacOS")
                    .resolve(name);
        }
        return root().resolve("lakeport").resolve("bin").resolve(name);
    }

    static Path runtime() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return root().resolve("lakeport").resolve("runtime");
        }
        if (os.startsWith("mac")) {
            return root().resolve("lakeport.app").resolve("Contents").resolve("runtime");
        }
        return root().resolve("lakeport").resolve("lib").resolve("runtime");
    }
}
