package dev.lakeport.cli;

import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.hive.EmbeddedHiveMetastore;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The sample project, end to end, with no cloud account: local Glue and DLF emulators, the sample catalog in Glue,
 * then load, diff, apply and verify, and the reports.
 */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Run the sample migration on local emulators (no cloud account): start a Glue- and a DLF-compatible "
                    + "server, seed Glue with the sample catalog, then load, diff, apply, verify and write the reports.",
            "With --route hive-to-dlf or glue-to-hive a real Hive Metastore (embedded) takes the source's or the"
                    + " destination's place.",
            "Run it twice: the second run finds nothing to do."
        })
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LakeportCommand root;

    @Option(
            names = "--dir",
            description = "Where the sample project, its configuration and reports go (default: ${DEFAULT-VALUE}).",
            defaultValue = "lakeport-sample")
    Path dir;

    @Option(
            names = "--partitions",
            description = "Partitions in the sample catalog (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int partitions;

    @Option(
            names = "--route",
            description = "The sample's route: glue-to-dlf, hive-to-dlf (a real Hive Metastore holding the sample) or"
                    + " glue-to-hive (an empty metastore as destination) or hive-to-maxcompute (a MaxCompute emulator as"
                    + " destination) (default: ${DEFAULT-VALUE}).",
            defaultValue = "glue-to-dlf")
    String route;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!SampleRoutes.ROUTES.contains(route)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--route " + route
                            + ": the sample offers glue-to-dlf, hive-to-dlf, glue-to-hive and hive-to-maxcompute");
        }
        if (SampleRoutes.needsHive(route) && !SampleRoutes.hiveMetastoreAvailable()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "this installation carries no Hive Metastore; run ./lakeport-cli sample --route " + route
                            + " from a source checkout");
        }
        Files.createDirectories(dir);
        try (GlueEmulator glue = GlueEmulator.start();
                DlfEmulator dlf = DlfEmulator.start()) {
            // Hive -> MaxCompute copies data: its tables' files are written under the sample's folder, once.
            Path dataDir = dir.resolve("sample-data");
            var stats = SampleCatalog.generate(glue.store(), SampleRoutes.catalog(route, partitions, dataDir));
            out.printf("Started the Glue emulator at %s with the sample catalog (%s)%n", glue.endpoint(), stats);
            out.printf("Started the DLF emulator at %s%n", dlf.endpoint());
            String results = dir.toAbsolutePath().resolve("results").toString();
            // One metastore a process: a new run starts it empty.
            java.util.List<MaxComputeEmulator> started = new java.util.ArrayList<>();
            String properties = SampleRoutes.properties(
                    route,
                    glue,
                    dlf,
                    () -> EmbeddedHiveMetastore.start(0, null),
                    () -> {
                        MaxComputeEmulator mc = MaxComputeEmulator.start();
                        started.add(mc);
                        return mc;
                    },
                    true,
                    dataDir,
                    results,
                    out);
            Path config = dir.resolve("application.properties");
            Files.writeString(config, properties);
            // A fresh project each time: the emulators start empty, so an old snapshot would describe other catalogs.
            Files.deleteIfExists(ProjectOptions.projectDatabaseFile(dir.resolve("sample.lakeport")));
            Path report = dir.resolve("reports").resolve("diff.html");
            out.printf("Configuration: %s%n%n", config.toAbsolutePath());
            out.flush();
            CommandLine migrate = LakeportCommand.commandLine();
            migrate.setOut(out);
            migrate.setErr(spec.commandLine().getErr());
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                    "migrate",
                    "--config",
                    config.toString(),
                    "--project",
                    dir.resolve("sample.lakeport").toString(),
                    "--html",
                    report.toString()));
            if (root != null && root.quiet) {
                args.add(1, "--quiet");
            }
            if (root != null && root.stacktrace) {
                args.add(1, "--stacktrace");
            }
            int code;
            try {
                code = migrate.execute(args.toArray(String[]::new));
            } finally {
                started.forEach(MaxComputeEmulator::close);
            }
            out.printf("%nOpen the report: %s%n", report.toAbsolutePath());
            out.flush();
            return code;
        }
    }
}
