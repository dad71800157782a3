package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.snapshot.Side;

/**
 * A step needs a side of the snapshot that no load has finished: diffing it would take what is missing for deleted
 * (or created). Nothing was changed; loading that side again fixes it.
 */
public final class IncompleteSnapshotException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final Side side;

    public IncompleteSnapshotException(Side side, String message) {
        super(requireNonNull(message, "message is null"));
        this.side = requireNonNull(side, "side is null");
    }

    public Side side() {
        return side;
    }
}
