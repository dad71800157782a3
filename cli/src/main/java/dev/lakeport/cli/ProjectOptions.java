package dev.lakeport.cli;

import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.PropertiesText;
import dev.lakeport.pipeline.Migration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Which project a command works on: a seed-style application.properties, a project file, or both. */
final class ProjectOptions {
    static final String PROJECT_SUFFIX = ".lakeport";

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    "A seed-style application.properties (the Glue -> DLF migration guide's keys, plus lakeport.* keys).")
    Path config;

    @Option(
            names = {"-p", "--project"},
            paramLabel = "FILE",
            description = "The project file (an H2 database). Default: lakeport.project, else the config's name with "
                    + PROJECT_SUFFIX
                    + " beside it. With a project alone, its stored settings are used; credentials then "
                    + "come from the environment or profiles, never from the project.")
    Path project;

    /** Opens the migration, printing configuration warnings. */
    Migration open(PrintWriter err) {
        if (config == null && project == null) {
            throw new ConfigException(
                    "the command line",
                    List.of(new ConfigProblem(
                            "--config", "give --config FILE (application.properties) or --project FILE")));
        }
        MigrationConfigLoader.Result loaded;
        Properties settings = new Properties();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new ConfigException(
                        config.toString(),
                        List.of(new ConfigProblem("--config", "no such file: " + config.toAbsolutePath())));
            }
            // the loader's own reading (byte-order marks, UTF-16, refusals with the byte offset)
            loaded = MigrationConfigLoader.load(config);
            settings.putAll(PropertiesText.readMap(config));
        } else {
            if (!Files.exists(projectDatabaseFile(project))) {
                throw new ConfigException(
                        project.toString(),
                        List.of(new ConfigProblem(
                                "--project",
                                "no such project: "
                                        + projectDatabaseFile(project).toAbsolutePath())));
            }
            Properties stored = Migration.storedSettings(projectDatabaseFile(project));
            if (stored.isEmpty()) {
                throw new ConfigException(
                        project.toString(),
                        List.of(new ConfigProblem(
                                "--project", "the project holds no settings yet: run a step with --config once")));
            }
            Map<String, String> map = new HashMap<>();
            stored.stringPropertyNames().forEach(k -> map.put(k, stored.getProperty(k)));
            loaded = MigrationConfigLoader.fromMap(map, project.toString());
        }
        for (ConfigProblem warning : loaded.warnings()) {
            err.println("warning: " + warning);
        }
        MigrationConfig migrationConfig = loaded.config();
        Path projectFile = projectDatabaseFile(projectFile(migrationConfig));
        return Migration.open(migrationConfig, projectFile, settings);
    }

    private Path projectFile(MigrationConfig migrationConfig) {
        if (project != null) {
            return project;
        }
        if (migrationConfig.run().project().isPresent()) {
            return migrationConfig.run().project().get();
        }
        String name = config.getFileName().toString().replaceFirst("\\.properties$", "");
        Path parent = config.toAbsolutePath().getParent();
        return parent.resolve(name + PROJECT_SUFFIX);
    }

    /** The file H2 keeps a project in: the name given, with H2's {@code .mv.db} ending added if missing. */
    static Path projectDatabaseFile(Path project) {
        String name = project.getFileName().toString();
        return name.endsWith(".mv.db") ? project : project.resolveSibling(name + ".mv.db");
    }
}
