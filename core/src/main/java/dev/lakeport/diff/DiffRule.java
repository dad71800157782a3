package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The diff's rule for one key, the one rule every comparison applies (the {@link DiffEngine}'s merge of two snapshot
 * scans, and the Spark job's merge of a shuffle's sorted records): which keys take part ({@link #accepts}: the scope
 * and {@code comparePartition}), and what a key's two sides make ({@link #compare}). Equal fingerprints mean equal
 * objects.
 */
public final class DiffRule {
    private final DiffOptions options;

    public DiffRule(DiffOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    /** Whether {@code key} is compared at all: in scope, and not a partition when partitions are not compared. */
    public boolean accepts(ObjectKey key) {
        requireNonNull(key, "key is null");
        return options.accepts(key);
    }

    /**
     * What one key's sides make, or empty when the key is out of scope or both sides agree: only at the source it is
     * to be created ({@code glueNew}), only at the destination deleted ({@code dlfNew}), at both with different
     * fingerprints updated ({@code needUpdate}).
     *
     * @param source the fingerprint of the mapped source object, empty if the source lacks the key
     * @param destination the fingerprint of the destination object, empty if the destination lacks the key
     */
    public Optional<DiffResult> compare(ObjectKey key, OptionalLong source, OptionalLong destination) {
        if (!accepts(key)) {
            return Optional.empty();
        }
        return compare(source, destination);
    }

    /** {@link #compare(ObjectKey, OptionalLong, OptionalLong)} for a key already known to be in scope. */
    public static Optional<DiffResult> compare(OptionalLong source, OptionalLong destination) {
        requireNonNull(source, "source is null");
        requireNonNull(destination, "destination is null");
        if (source.isEmpty() && destination.isEmpty()) {
            throw new IllegalArgumentException("a key compared must be on at least one side");
        }
        if (destination.isEmpty()) {
            return Optional.of(DiffResult.CREATE);
        }
        if (source.isEmpty()) {
            return Optional.of(DiffResult.DELETE);
        }
        return source.getAsLong() == destination.getAsLong() ? Optional.empty() : Optional.of(DiffResult.UPDATE);
    }
}
