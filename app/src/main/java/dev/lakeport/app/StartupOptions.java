package dev.lakeport.app;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The desktop's command-line arguments. */
@Command(name = "lakeport", mixinStandardHelpOptions = true, description = "The Lakeport desktop.")
public final class StartupOptions {
    @Option(names = "--sample", description = "Open the sample project (local emulators, no cloud account).")
    boolean sample;

    @Option(names = "--project", paramLabel = "FILE", description = "Open this project file.")
    Path project;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Partitions in the sample catalog (default: ${DEFAULT-VALUE}).")
    int partitions;

    public boolean sample() {
        return sample;
    }

    public Optional<Path> project() {
        return Optional.ofNullable(project);
    }

    public int partitions() {
        return partitions;
    }

    /**
     * Whether the window opens the sample project: when asked to, and on the very first start when no project is
     * named, so that a new user lands in a working example (local emulators, no cloud account) rather than on an
     * empty page.
     */
    public boolean opensSample(boolean firstStart) {
        return sample || (firstStart && project == null);
    }

    /** Parses {@code args}; a bad argument is an {@link IllegalArgumentException} naming it. */
    public static StartupOptions parse(String... args) {
        StartupOptions options = new StartupOptions();
        try {
            new CommandLine(options).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return options;
    }
}
