package dev.lakeport.app.session;

import dev.lakeport.config.SampleProject;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample project's world: a local Glue-compatible server seeded with the sample catalog and an empty
 * DLF-compatible server, both inside the app, so a new user can walk every page with no cloud account. They live
 * until the window closes (or another sample is started).
 */
public final class SampleEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleEnvironment.class);

    /** Partitions in the sample catalog the app starts; the command line's default too. */
    public static final int DEFAULT_PARTITIONS = 10_000;

    private GlueEmulator glue;
    private DlfEmulator dlf;

    /** What {@link #start} made: the project file to open and the settings it starts with. */
    public record Sample(Path projectFile, Map<String, String> settings, SampleCatalog.Summary catalog) {}

    /**
     * Starts fresh emulators (stopping earlier ones) and returns a new sample project in {@code folder}. The
     * project file is recreated: the emulators start empty, so an old snapshot would describe other catalogs.
     * Blocking: call it from a task.
     */
    public synchronized Sample start(Path folder, int partitions) {
        close();
        try {
            Files.createDirectories(folder);
            Path project = folder.resolve("sample.lakeport.mv.db");
            Files.deleteIfExists(project);
            Files.deleteIfExists(folder.resolve("sample.lakeport.trace.db"));
            glue = GlueEmulator.start();
            dlf = DlfEmulator.start();
            SampleCatalog.Summary summary = SampleCatalog.generate(
                    glue.store(), new SampleCatalog.Options(SampleProject.SEED, partitions, SampleProject.REGION));
            LOG.info(
                    "sample project: Glue emulator at {} ({}), DLF emulator at {}",
                    glue.endpoint(),
                    summary,
                    dlf.endpoint());
            Map<String, String> settings = SampleProject.settings(
                    glue.endpoint().toString(),
                    dlf.endpoint(),
                    dlf.catalogId(),
                    folder.toAbsolutePath().resolve("results").toString());
            return new Sample(project, settings, summary);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the sample project in " + folder, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public synchronized boolean isRunning() {
        return glue != null;
    }

    /** The Glue emulator, for tests that change the sample's source catalog. */
    public synchronized Optional<GlueEmulator> glue() {
        return Optional.ofNullable(glue);
    }

    public synchronized Optional<DlfEmulator> dlf() {
        return Optional.ofNullable(dlf);
    }

    @Override
    public synchronized void close() {
        if (glue != null) {
            glue.close();
            glue = null;
        }
        if (dlf != null) {
            dlf.close();
            dlf = null;
        }
    }
}
