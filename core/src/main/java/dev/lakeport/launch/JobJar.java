package dev.lakeport.launch;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bundled job jar ({@link JobConf#JAR_NAME}) on this machine: where the system property
 * {@value #PROPERTY} says, else beside the running code: a {@code spark/} folder next to (or above) the jar or classes
 * folder holding this class, as an installed app image carries it, or {@code spark-job/target/} of a source tree.
 */
public final class JobJar {
    public static final String PROPERTY = "lakeport.jobJar";
    /** How many folders above the code's location are searched. */
    private static final int LEVELS = 4;

    private JobJar() {}

    /** The job jar, if one is found. */
    public static Optional<Path> locate() {
        return locate(Optional.ofNullable(System.getProperty(PROPERTY)), codeLocation());
    }

    /**
     * The job jar.
     *
     * @throws JobException saying where it was looked for
     */
    public static Path require() {
        Optional<String> property = Optional.ofNullable(System.getProperty(PROPERTY));
        Optional<Path> code = codeLocation();
        return locate(property, code).orElseThrow(() -> new JobException(notFound(property, code)));
    }

    static Optional<Path> locate(Optional<String> property, Optional<Path> codeLocation) {
        if (property.isPresent() && !property.get().isBlank()) {
            Path p = Path.of(property.get().trim());
            return Files.isRegularFile(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        return candidates(codeLocation).stream().filter(Files::isRegularFile).findFirst();
    }

    static String notFound(Optional<String> property, Optional<Path> codeLocation) {
        if (property.isPresent() && !property.get().isBlank()) {
            return "the Spark job jar is not where " + PROPERTY + " says: "
                    + property.get().trim();
        }
        List<Path> looked = candidates(codeLocation);
        return "the Spark job jar " + JobConf.JAR_NAME + " was not found"
                + (looked.isEmpty() ? "" : " (looked in " + looked + ")")
                + "; build it with ./mvnw -pl spark-job -am package, or set -D" + PROPERTY + "=<path of the jar>";
    }

    private static List<Path> candidates(Optional<Path> codeLocation) {
        List<Path> paths = new ArrayList<>();
        if (codeLocation.isEmpty()) {
            return paths;
        }
        Path dir = codeLocation.get().toAbsolutePath().normalize();
        if (Files.isRegularFile(dir)) {
            dir = dir.getParent();
        }
        for (int level = 0; dir != null && level < LEVELS; level++, dir = dir.getParent()) {
            paths.add(dir.resolve("spark").resolve(JobConf.JAR_NAME));
            paths.add(dir.resolve("spark-job").resolve("target").resolve(JobConf.JAR_NAME));
        }
        return paths;
    }

    private static Optional<Path> codeLocation() {
        try {
            CodeSource source = JobJar.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
