package dev.lakeport.app.session;

import dev.lakeport.config.SampleProject;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.hive.EmbeddedHiveMetastore;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.emulator.sample.SampleMaxComputeProject;
import dev.lakeport.localcopy.SampleDataFiles;
import dev.lakeport.pipeline.SampleCopy;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
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
 * until the window closes (or another sample is started). A route with a Hive side also starts the real Hive
 * Metastore inside the app; it cannot be stopped, so one serves every sample of the app's life, and a source checkout
 * alone carries it (a packaged install leaves its libraries out).
 */
public final class SampleEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleEnvironment.class);

    /** Partitions in the sample catalog the app starts; the command line's default too. */
    public static final int DEFAULT_PARTITIONS = 10_000;

    /** The folder, in the sample's folder, of the Hive -> MaxCompute sample's data files. */
    public static final String DATA_DIRECTORY = "sample-data";

    /** A class of the Hive Metastore's server, present only when its libraries are on the class path. */
    static final String HIVE_METASTORE_CLASS = "org.apache.hadoop.hive.metastore.HiveMetaStore";

    private final boolean hiveAvailable;
    // Written only by start and close (which hold this object's lock, one at a time); read without the lock, so that
    // the pages asking what runs (on the FX thread) never wait for a start that takes minutes.
    private volatile GlueEmulator glue;
    private volatile DlfEmulator dlf;
    private volatile EmbeddedHiveMetastore hive;
    private volatile MaxComputeEmulator maxCompute;
    private volatile SampleRoute route;

    /** Offers the Hive routes when the Hive Metastore's libraries are on the class path. */
    public SampleEnvironment() {
        this(hiveOnClassPath());
    }

    /** @param hiveAvailable whether the Hive routes can run here (false: they say why not) */
    public SampleEnvironment(boolean hiveAvailable) {
        this.hiveAvailable = hiveAvailable;
    }

    /** Whether the routes with a Hive Metastore can start here: a packaged install leaves its libraries out. */
    public boolean hiveAvailable() {
        return hiveAvailable;
    }

    /** Whether {@code route} can start here. */
    public boolean available(SampleRoute route) {
        return !route.usesHive() || hiveAvailable;
    }

    private static boolean hiveOnClassPath() {
        try {
            Class.forName(HIVE_METASTORE_CLASS, false, SampleEnvironment.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** What {@link #start} made: the project file to open and the settings it starts with. */
    public record Sample(Path projectFile, Map<String, String> settings, SampleCatalog.Summary catalog) {}

    /** {@link #start(Path, int, SampleRoute)} on today's route, Glue to DLF. */
    public Sample start(Path folder, int partitions) {
        return start(folder, partitions, SampleRoute.GLUE_TO_DLF, ProgressListener.NONE, CancellationToken.NONE);
    }

    /**
     * Starts fresh emulators (stopping earlier ones) and returns a new sample project in {@code folder} on
     * {@code route}. The project file is recreated: the emulators start empty, so an old snapshot would describe
     * other catalogs. For Hive -> DLF, Lakeport itself copies the sample from the Glue emulator into the metastore
     * (nothing new when an earlier sample put it there). For Hive -> MaxCompute the sample's locations are in
     * {@value #DATA_DIRECTORY} of {@code folder}, where its tables' data files are written unless an earlier start
     * wrote them. Blocking: call it from a task.
     *
     * @throws IllegalStateException when the route needs the Hive Metastore and this installation has none
     */
    public synchronized Sample start(
            Path folder, int partitions, SampleRoute route, ProgressListener progress, CancellationToken cancel) {
        java.util.Objects.requireNonNull(route, "route is null");
        if (!available(route)) {
            throw new IllegalStateException("the sample route " + route
                    + " needs the Hive Metastore, which this installation does not carry;"
                    + " run the desktop from a source checkout (./lakeport), or point hive.metastore.uris at a"
                    + " metastore of your own");
        }
        close();
        try {
            Files.createDirectories(folder);
            Path project = folder.resolve("sample.lakeport.mv.db");
            Files.deleteIfExists(project);
            Files.deleteIfExists(folder.resolve("sample.lakeport.trace.db"));
            glue = GlueEmulator.start();
            dlf = DlfEmulator.start();
            this.route = route;
            // Hive -> MaxCompute copies data: its catalog lives under the sample's folder, where its files are written.
            Path dataDir = folder.toAbsolutePath().resolve(DATA_DIRECTORY);
            SampleCatalog.Options options =
                    new SampleCatalog.Options(SampleProject.SEED, partitions, SampleProject.REGION);
            if (route == SampleRoute.HIVE_TO_MAXCOMPUTE) {
                options = options.withDataRoot(SampleDataFiles.location(dataDir));
            }
            SampleCatalog.Summary summary = SampleCatalog.generate(glue.store(), options);
            LOG.info(
                    "sample project ({}): Glue emulator at {} ({}), DLF emulator at {}",
                    route,
                    glue.endpoint(),
                    summary,
                    dlf.endpoint());
            String results = folder.toAbsolutePath().resolve("results").toString();
            Map<String, String> settings =
                    switch (route) {
                        case GLUE_TO_DLF -> SampleProject.settings(
                                glue.endpoint().toString(), dlf.endpoint(), dlf.catalogId(), results);
                        case HIVE_TO_DLF -> {
                            String uri = startHive().uri().toString();
                            SampleCopy.intoHive(glue.endpoint().toString(), uri, progress, cancel);
                            yield SampleProject.settingsOf(
                                    SampleProject.hiveToDlfProperties(uri, dlf.endpoint(), dlf.catalogId(), results));
                        }
                        case GLUE_TO_HIVE -> SampleProject.settingsOf(SampleProject.glueToHiveProperties(
                                glue.endpoint().toString(), startHive().uri().toString(), results));
                        case HIVE_TO_MAXCOMPUTE -> {
                            String uri = startHive().uri().toString();
                            SampleCopy.intoHive(glue.endpoint().toString(), uri, progress, cancel);
                            SampleDataFiles.Summary data = SampleDataFiles.ensure(
                                    Map.of("lakeport.source.type", "hive", "hive.metastore.uris", uri),
                                    dataDir,
                                    SampleProject.SEED,
                                    progress,
                                    cancel);
                            LOG.info("sample project: data files under {}: {}", dataDir, data);
                            maxCompute = MaxComputeEmulator.start();
                            SampleMaxComputeProject.prepare(maxCompute.store(), SampleProject.MAXCOMPUTE_PROJECT);
                            yield SampleProject.settingsOf(
                                    SampleProject.hiveToMaxComputeProperties(uri, maxCompute.endpoint(), results));
                        }
                    };
            return new Sample(project, settings, summary);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the sample project in " + folder, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private synchronized EmbeddedHiveMetastore startHive() {
        if (hive == null) {
            hive = EmbeddedHiveMetastore.start(0, null);
            LOG.info("sample project: Hive Metastore at {} (started in {})", hive.uri(), hive.startTime());
        }
        return hive;
    }

    /** The route of the sample that runs, if one does. */
    public Optional<SampleRoute> route() {
        return Optional.ofNullable(route);
    }

    /** The Hive Metastore the Hive routes use, once one of them has started it; it lives as long as the app. */
    public Optional<java.net.URI> hiveUri() {
        return Optional.ofNullable(hive).map(EmbeddedHiveMetastore::uri);
    }

    public boolean isRunning() {
        return glue != null;
    }

    /** The Glue emulator, for tests that change the sample's source catalog. */
    public Optional<GlueEmulator> glue() {
        return Optional.ofNullable(glue);
    }

    public Optional<DlfEmulator> dlf() {
        return Optional.ofNullable(dlf);
    }

    /** The MaxCompute emulator of the Hive -> MaxCompute sample, while it runs. */
    public Optional<MaxComputeEmulator> maxCompute() {
        return Optional.ofNullable(maxCompute);
    }

    @Override
    public synchronized void close() {
        if (maxCompute != null) {
            maxCompute.close();
            maxCompute = null;
        }
        if (glue != null) {
            glue.close();
            glue = null;
        }
        if (dlf != null) {
            dlf.close();
            dlf = null;
        }
        route = null;
    }
}
