package dev.lakeport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lakeport-cli} command line (the desktop is {@code lakeport}). */
@Command(
        name = "lakeport-cli",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description =
                "Moves data-lake catalogs between clouds: any catalog Lakeport connects to, to any other (see connectors).",
        subcommands = {
            LoadCommand.class,
            AssessCommand.class,
            DiffCommand.class,
            ApplyCommand.class,
            MigrateCommand.class,
            VerifyCommand.class,
            ExcludeCommand.class,
            ConnectorsCommand.class,
            ReportCommand.class,
            EmulatorsCommand.class,
            CopyCommand.class,
            TasksCommand.class,
            SubmitCommand.class,
            SampleCommand.class,
            BenchCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 done; 1 some objects failed (see the result log); 2 bad input, nothing changed;",
            "3 a catalog refused (credentials, permission); 4 a catalog unreachable or failing; 5 the Spark job failed;",
            "130 cancelled."
        })
public final class LakeportCommand implements Runnable {
    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Show the stack trace of an error.")
    boolean stacktrace;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "No progress bars.")
    boolean quiet;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static CommandLine commandLine() {
        return new CommandLine(new LakeportCommand())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        RunLogFile.choose(); // before anything logs
        System.exit(commandLine().execute(args));
    }
}
