package dev.lakeport.cli;

import dev.lakeport.config.SampleProject;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        try (GlueEmulator glue = GlueEmulator.start();
                DlfEmulator dlf = DlfEmulator.start()) {
            var stats = SampleCatalog.generate(
                    glue.store(), new SampleCatalog.Options(SampleProject.SEED, partitions, SampleProject.REGION));
            out.printf("Started the Glue emulator at %s with the sample catalog (%s)%n", glue.endpoint(), stats);
            out.printf("Started the DLF emulator at %s%n", dlf.endpoint());
            Path config = dir.resolve("application.properties");
            Files.writeString(
                    config,
                    SampleProject.properties(
                            glue.endpoint().toString(),
                            dlf.endpoint(),
                            dlf.catalogId(),
                            dir.toAbsolutePath().resolve("results").toString()));
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
            int code = migrate.execute(args.toArray(String[]::new));
            out.printf("%nOpen the report: %s%n", report.toAbsolutePath());
            out.flush();
            return code;
        }
    }
}
