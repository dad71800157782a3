package dev.lakeport.app.session;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The projects opened lately, newest first, kept in a plain list file in the app's config folder. */
public final class RecentProjects {
    static final int MAX = 10;

    private final Path file;

    public RecentProjects(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    public List<Path> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Path> paths = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    paths.add(Path.of(line.strip()));
                }
            }
            return List.copyOf(paths);
        } catch (IOException | RuntimeException e) {
            // A damaged list is not worth an error: the user can open the file again.
            return List.of();
        }
    }

    /** Puts {@code project} at the top; keeps the list to {@value #MAX} entries of files that still exist. */
    public void add(Path project) {
        Path absolute = project.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(absolute);
        paths.add(0, absolute);
        paths.removeIf(p -> !p.equals(absolute) && !Files.exists(p));
        write(paths.subList(0, Math.min(MAX, paths.size())));
    }

    public void remove(Path project) {
        List<Path> paths = new ArrayList<>(list());
        paths.remove(project.toAbsolutePath().normalize());
        write(paths);
    }

    private void write(List<Path> paths) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> lines = paths.stream().map(Path::toString).toList();
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recent-projects list " + file, e);
        }
    }
}
