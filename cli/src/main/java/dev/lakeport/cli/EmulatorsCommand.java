package dev.lakeport.cli;

import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.hive.EmbeddedHiveMetastore;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the local Glue- and DLF-compatible emulators, seeded with the sample catalog, and on request a real Hive
 * Metastore (embedded, on Derby) as the sample's source or destination, until Ctrl-C.
 */
@Command(
        name = "emulators",
        mixinStandardHelpOptions = true,
        description = {
            "Start local Glue- and DLF-compatible servers on 127.0.0.1, the Glue one seeded with the sample catalog;"
                    + " with --source hive or --destination hive also a Hive Metastore.",
            "Writes an application.properties that points Lakeport at them, then runs until Ctrl-C."
        })
final class EmulatorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--glue-port",
            description = "Port of the Glue emulator (default: ${DEFAULT-VALUE}).",
            defaultValue = "4599")
    int gluePort;

    @Option(
            names = "--dlf-port",
            description = "Port of the DLF emulator (default: ${DEFAULT-VALUE}).",
            defaultValue = "4600")
    int dlfPort;

    @Option(
            names = "--source",
            description = "The sample's source catalog: glue, or hive for a Hive Metastore holding the sample catalog"
                    + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "glue")
    String source;

    @Option(
            names = "--destination",
            description = "The sample's destination catalog: dlf, hive for an empty Hive Metastore, or maxcompute for"
                    + " an empty MaxCompute project (with --source hive)"
                    + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "dlf")
    String destination;

    @Option(
            names = "--hive-port",
            description = "Port of the Hive Metastore, when one is started (default: ${DEFAULT-VALUE}).",
            defaultValue = "9083")
    int hivePort;

    @Option(
            names = "--maxcompute-port",
            description = "Port of the MaxCompute emulator, when the destination is maxcompute (default:"
                    + " ${DEFAULT-VALUE}).",
            defaultValue = "4601")
    int maxComputePort;

    @Option(
            names = "--hive-dir",
            description = "Where the Hive Metastore keeps its catalog, kept between starts (default: in memory).")
    Path hiveDir;

    @Option(
            names = "--partitions",
            description = "Partitions in the sample catalog (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int partitions;

    @Option(
            names = "--data-dir",
            description = "Where the Hive -> MaxCompute sample's data files are written, the first time (default:"
                    + " ${DEFAULT-VALUE}).",
            defaultValue = "lakeport-sample-data")
    Path dataDir;

    @Option(names = "--empty", description = "Start with an empty Glue catalog instead of the sample.")
    boolean empty;

    @Option(names = "--latency-ms", description = "Latency added to every call, in milliseconds.", defaultValue = "0")
    long latencyMs;

    @Option(
            names = "--throttle-rate",
            description = "Share of calls answered with throttling (0-1).",
            defaultValue = "0")
    double throttleRate;

    @Option(names = "--error-rate", description = "Share of calls answered with a 5xx error (0-1).", defaultValue = "0")
    double errorRate;

    @Option(
            names = "--lose-responses",
            description = "Share of calls applied whose answer is lost: the connection is dropped (0-1).",
            defaultValue = "0")
    double loseResponses;

    @Option(
            names = "--timeout-after-accept",
            description = "Share of calls applied whose answer comes only after --accept-delay-ms (0-1).",
            defaultValue = "0")
    double timeoutAfterAccept;

    @Option(
            names = "--accept-delay-ms",
            description = "How late those answers come, in milliseconds (default: ${DEFAULT-VALUE}, beyond the"
                    + " default call timeout).",
            defaultValue = "25000")
    long acceptDelayMs;

    @Option(
            names = "--mid-batch-disconnects",
            description = "Share of batch writes applied only in part before the connection is dropped (0-1).",
            defaultValue = "0")
    double midBatchDisconnects;

    @Option(
            names = "--max-page-size",
            description = "Largest page the servers serve, below the APIs' (0: the APIs' own).",
            defaultValue = "0")
    int maxPageSize;

    @Option(
            names = "--max-batch-size",
            description = "Largest batch the servers take, below the APIs' (0: the APIs' own).",
            defaultValue = "0")
    int maxBatchSize;

    @Option(
            names = "--access-key",
            description = "Accept only this access key id, and check request signatures against --secret-key.")
    String accessKey;

    @Option(
            names = "--secret-key",
            description = "The secret of --access-key. It is never written: the written configuration keeps the"
                    + " sample's keys, so put the pair in your own configuration.")
    String secretKey;

    @Option(
            names = "--write-config",
            description = "Where to write the application.properties for these emulators (default: ${DEFAULT-VALUE}).",
            defaultValue = "lakeport-emulators.properties")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!SampleRoutes.ROUTES.contains(source + "-to-" + destination)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--source " + source + " --destination " + destination
                            + ": the emulators offer glue -> dlf, hive -> dlf, glue -> hive and hive -> maxcompute");
        }
        if (SampleRoutes.needsHive(source + "-to-" + destination) && !SampleRoutes.hiveMetastoreAvailable()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "this installation carries no Hive Metastore; run ./lakeport-cli emulators from a source checkout,"
                            + " or point hive.metastore.uris at a metastore of your own");
        }
        java.util.List<MaxComputeEmulator> started = new java.util.ArrayList<>();
        try (GlueEmulator glue = GlueEmulator.start(new InetSocketAddress("127.0.0.1", gluePort));
                DlfEmulator dlf = DlfEmulator.start(new InetSocketAddress("127.0.0.1", dlfPort));
                AutoCloseable maxCompute = () -> started.forEach(MaxComputeEmulator::close)) {
            if ((accessKey == null) != (secretKey == null)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--access-key and --secret-key go together");
            }
            if (accessKey != null) {
                glue.allowAccessKey(accessKey, secretKey);
                dlf.allowAccessKey(accessKey, secretKey);
            }
            if (!empty) {
                SampleCatalog.generate(
                        glue.store(), SampleRoutes.catalog(source + "-to-" + destination, partitions, dataDir));
            }
            out.printf(
                    "Glue emulator: %s%nDLF emulator:  %s (catalog %s)%n",
                    glue.endpoint(), dlf.endpoint(), dlf.catalogId());
            String properties = SampleRoutes.properties(
                    source + "-to-" + destination,
                    glue,
                    dlf,
                    () -> EmbeddedHiveMetastore.start(hivePort, hiveDir),
                    () -> {
                        MaxComputeEmulator mc =
                                MaxComputeEmulator.start(new InetSocketAddress("127.0.0.1", maxComputePort));
                        started.add(mc);
                        if (accessKey != null) {
                            mc.allowAccessKey(accessKey, secretKey);
                        }
                        return mc;
                    },
                    !empty,
                    dataDir,
                    "lakeport-output",
                    out);
            // Faults start once the sample is in place, so that they meet the user's runs only.
            for (var faults : java.util.List.of(glue.faults(), dlf.faults())) {
                faults.latency(Duration.ofMillis(latencyMs))
                        .throttleRate(throttleRate)
                        .serverErrorRate(errorRate)
                        .responseLostRate(loseResponses)
                        .timeoutAfterAcceptRate(timeoutAfterAccept, Duration.ofMillis(acceptDelayMs))
                        .midBatchDisconnectRate(midBatchDisconnects)
                        .maxPageSize(maxPageSize)
                        .maxBatchSize(maxBatchSize);
            }
            Files.writeString(configFile, properties);
            out.printf("Configuration: %s%nPress Ctrl-C to stop.%n", configFile.toAbsolutePath());
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return ExitCode.OK;
    }
}
