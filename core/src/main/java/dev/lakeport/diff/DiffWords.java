package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The words a route's users read for each {@link DiffResult}, in pages, reports and the result log. Glue → DLF speaks
 * the seed's words ({@code glueNew}, {@code dlfNew}, {@code needUpdate}), which users already have in their logs and
 * scripts; every other route names its own systems the same way ({@code hiveNew}, {@code dlfNew}, …).
 */
public record DiffWords(String create, String delete, String update) {
    /** The seed's words, Glue → DLF. */
    public static final DiffWords SEED = new DiffWords("glueNew", "dlfNew", "needUpdate");

    public DiffWords {
        requireNonNull(create, "create is null");
        requireNonNull(delete, "delete is null");
        requireNonNull(update, "update is null");
        if (create.equals(delete) || create.equals(update) || delete.equals(update)) {
            throw new IllegalArgumentException("diff words must differ: " + create + ", " + delete + ", " + update);
        }
    }

    /**
     * The words for a route between two kinds: {@code <source>New}, {@code <destination>New}, {@code needUpdate};
     * {@code sourceNew} and {@code destinationNew} when both sides are the same kind.
     */
    public static DiffWords between(String sourceKind, String destinationKind) {
        if (sourceKind.equalsIgnoreCase(destinationKind)) {
            return new DiffWords("sourceNew", "destinationNew", "needUpdate");
        }
        return new DiffWords(sourceKind + "New", destinationKind + "New", "needUpdate");
    }

    public String word(DiffResult result) {
        return switch (result) {
            case CREATE -> create;
            case DELETE -> delete;
            case UPDATE -> update;
        };
    }

    /** The result this word names, if it is one of these words. */
    public Optional<DiffResult> result(String word) {
        for (DiffResult r : DiffResult.values()) {
            if (word(r).equals(word)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The three words in result order. */
    public List<String> all() {
        return List.of(create, delete, update);
    }
}
