package dev.lakeport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lakeport} command line. */
@Command(
        name = "lakeport",
        mixinStandardHelpOptions = true,
        version = "lakeport 0.1.0",
        description = "Moves data-lake catalogs between clouds.")
public final class LakeportCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LakeportCommand()).execute(args));
    }
}
