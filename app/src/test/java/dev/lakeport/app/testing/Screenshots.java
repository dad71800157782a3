package dev.lakeport.app.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a PNG of a window when the build is asked for screenshots ({@code -Dlakeport.screenshots=docs/images});
 * otherwise does nothing. Call it on the FX thread.
 */
public final class Screenshots {
    private Screenshots() {}

    public static Optional<Path> folder() {
        String dir = System.getProperty("lakeport.screenshots", "");
        return dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    public static void take(Scene scene, String name) {
        folder().ifPresent(dir -> write(scene, dir.resolve(name + ".png")));
    }

    public static void write(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
