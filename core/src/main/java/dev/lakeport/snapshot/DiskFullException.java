package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.h2.api.ErrorCode;

/**
 * The disk holding the project file is full. H2 reports it in its own words ("The database has been closed [90098]",
 * an {@code MVStoreException}, "IO Exception [90028]"), which tell a user nothing; this says what happened, where,
 * and what to do. H2 writes a project as an append-only log of committed chunks, so a write that fails leaves the
 * file as it was after the last commit: once space is freed, the next command opens it and goes on from there.
 */
public class DiskFullException extends SnapshotException {
    /** H2's errors that a full disk causes, with the disk's words somewhere in their causes, or none at all. */
    private static final Set<Integer> H2_CODES = Set.of(
            ErrorCode.DATABASE_IS_CLOSED,
            ErrorCode.IO_EXCEPTION_1,
            ErrorCode.IO_EXCEPTION_2,
            ErrorCode.FILE_CORRUPTED_1);

    /** Below this, an H2 error of {@link #H2_CODES} with no cause to tell is taken to be a full disk. */
    private static final long NEARLY_FULL_BYTES = 4L * 1024 * 1024;

    private final Path projectFile;

    public DiskFullException(Path projectFile, Throwable cause) {
        super(message(projectFile), cause);
        this.projectFile = projectFile;
    }

    /** The project file whose disk is full. */
    public Path projectFile() {
        return projectFile;
    }

    /**
     * {@code failure} as a {@link DiskFullException} naming {@code projectFile} when a full disk caused it; otherwise
     * {@code failure} itself.
     */
    public static RuntimeException explain(RuntimeException failure, Path projectFile) {
        requireNonNull(failure, "failure is null");
        requireNonNull(projectFile, "projectFile is null");
        if (failure instanceof DiskFullException) {
            return failure;
        }
        Optional<DiskFullException> found = find(failure);
        if (found.isPresent()) {
            return found.get();
        }
        return causedByFullDisk(failure, projectFile) ? new DiskFullException(projectFile, failure) : failure;
    }

    /** A {@link DiskFullException} among the causes of {@code failure} (wrapped by a store or an executor). */
    public static Optional<DiskFullException> find(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof DiskFullException d) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a full disk caused {@code failure}: the operating system's words ("No space left on device") anywhere in
     * its causes; or, with {@code projectFile}'s disk nearly full, one of H2's errors that a failed write leaves
     * behind.
     */
    public static boolean causedByFullDisk(Throwable failure, Path projectFile) {
        boolean h2Failure = false;
        for (Throwable t : chain(failure)) {
            if (t instanceof DiskFullException || saysDiskFull(t.getMessage())) {
                return true;
            }
            if (t instanceof SQLException sql && H2_CODES.contains(sql.getErrorCode())) {
                h2Failure = true;
            }
            if (t instanceof org.h2.mvstore.MVStoreException) {
                h2Failure = true;
            }
        }
        if (h2Failure && projectFile != null) {
            OptionalLong free = freeBytes(projectFile);
            return free.isPresent() && free.getAsLong() < NEARLY_FULL_BYTES;
        }
        return false;
    }

    /** Whether the disk's words are in {@code failure}'s causes, whichever disk it was. */
    public static boolean causedByFullDisk(Throwable failure) {
        return causedByFullDisk(failure, null);
    }

    /** Free bytes on the disk holding {@code file} (or its nearest existing folder). */
    static OptionalLong freeBytes(Path file) {
        Path p = file.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Files.getFileStore(p).getUsableSpace());
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    private static String message(Path projectFile) {
        OptionalLong free = freeBytes(projectFile);
        String amount =
                free.isPresent() ? String.format(Locale.ROOT, " (%,d MB free)", free.getAsLong() / (1024 * 1024)) : "";
        return "the disk holding " + projectFile.toAbsolutePath() + " is full" + amount
                + ": free space and run the command again; the project is unchanged up to the last completed step";
    }

    private static boolean saysDiskFull(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("no space left on device") // Linux, macOS (ENOSPC)
                || m.contains("not enough space on the disk") // Windows
                || m.contains("disk quota exceeded"); // EDQUOT
    }

    /** The causes and suppressed exceptions of {@code failure}, each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        todo.add(failure);
        while (!todo.isEmpty() && out.size() < 64) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        return out;
    }
}
