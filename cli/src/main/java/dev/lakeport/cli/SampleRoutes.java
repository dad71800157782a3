package dev.lakeport.cli;

import dev.lakeport.config.SampleProject;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.hive.EmbeddedHiveMetastore;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.emulator.sample.SampleMaxComputeProject;
import dev.lakeport.localcopy.SampleDataFiles;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.SampleCopy;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sample's routes, shared by {@code sample} and {@code emulators}: which there are, whether this installation can
 * run a Hive one, and the configuration of a route on the running servers (a Hive Metastore started, and for Hive ->
 * DLF filled with the sample, on the way). Hive -> MaxCompute copies data too: its sample catalog lives in a local
 * directory, whose data files are written the first time.
 */
final class SampleRoutes {
    static final Set<String> ROUTES = Set.of("glue-to-dlf", "hive-to-dlf", "glue-to-hive", "hive-to-maxcompute");

    private SampleRoutes() {}

    static boolean needsHive(String route) {
        return route.contains("hive");
    }

    /** Whether the Hive Metastore's classes are here (a source checkout; the installed packages leave them out). */
    static boolean hiveMetastoreAvailable() {
        try {
            Class.forName("org.apache.hadoop.hive.metastore.HiveMetaStore", false, SampleRoutes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether {@code route}'s sample has data files (in {@code dataDir}) rather than metadata only. */
    static boolean hasData(String route) {
        return route.equals("hive-to-maxcompute");
    }

    /** The sample catalog of {@code route}: with its locations in {@code dataDir} on a route that copies data. */
    static SampleCatalog.Options catalog(String route, int partitions, Path dataDir) {
        SampleCatalog.Options options = new SampleCatalog.Options(SampleProject.SEED, partitions, SampleProject.REGION);
        return hasData(route) ? options.withDataRoot(SampleDataFiles.location(dataDir)) : options;
    }

    /**
     * The application.properties of {@code route} on these servers, starting the metastore with {@code hive} when the
     * route has one and copying the sample into it for Hive -> DLF when {@code fillHive}.
     */
    static String properties(
            String route,
            GlueEmulator glue,
            DlfEmulator dlf,
            Supplier<EmbeddedHiveMetastore> hive,
            Supplier<MaxComputeEmulator> maxCompute,
            boolean fillHive,
            Path dataDir,
            String results,
            PrintWriter out)
            throws IOException {
        String glueEndpoint = glue.endpoint().toString();
        if (!needsHive(route)) {
            return SampleProject.properties(glueEndpoint, dlf.endpoint(), dlf.catalogId(), results);
        }
        String uri = hive.get().uri().toString();
        out.printf("Started a Hive Metastore at %s%n", uri);
        out.flush();
        if (route.equals("glue-to-hive")) {
            return SampleProject.glueToHiveProperties(glueEndpoint, uri, results);
        }
        if (fillHive) {
            out.printf("Copying the sample catalog into the Hive Metastore...%n");
            out.flush();
            ApplyOutcome copied = SampleCopy.intoHive(glueEndpoint, uri, ProgressListener.NONE, CancellationToken.NONE);
            var totals = copied.summary().totals();
            out.printf(
                    "Hive Metastore: the sample catalog is in (%,d objects written).%n",
                    totals.created() + totals.updated());
        }
        if (route.equals("hive-to-maxcompute")) {
            if (fillHive) {
                out.printf("Writing the sample's data files under %s (once)...%n", dataDir.toAbsolutePath());
                out.flush();
                long began = System.nanoTime();
                SampleDataFiles.Summary data = SampleDataFiles.ensure(
                        java.util.Map.of("lakeport.source.type", "hive", "hive.metastore.uris", uri),
                        dataDir,
                        SampleProject.SEED,
                        ProgressListener.NONE,
                        CancellationToken.NONE);
                out.printf("Sample data: %s, in %.1f s.%n", data, (System.nanoTime() - began) / 1e9);
            }
            MaxComputeEmulator mc = maxCompute.get();
            SampleMaxComputeProject.prepare(mc.store(), SampleProject.MAXCOMPUTE_PROJECT);
            out.printf("MaxCompute emulator: %s (project %s)%n", mc.endpoint(), SampleProject.MAXCOMPUTE_PROJECT);
            out.flush();
            return SampleProject.hiveToMaxComputeProperties(uri, mc.endpoint(), results);
        }
        return SampleProject.hiveToDlfProperties(uri, dlf.endpoint(), dlf.catalogId(), results);
    }
}
