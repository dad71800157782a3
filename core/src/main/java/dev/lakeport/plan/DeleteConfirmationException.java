package dev.lakeport.plan;

/** Deletions were turned on but the confirmed count is missing or is not the real number of deletions. */
public final class DeleteConfirmationException extends IllegalStateException {
    private final long actualDeletes;

    public DeleteConfirmationException(String message, long actualDeletes) {
        super(message);
        this.actualDeletes = actualDeletes;
    }

    /** How many objects the plan would delete. */
    public long actualDeletes() {
        return actualDeletes;
    }
}
