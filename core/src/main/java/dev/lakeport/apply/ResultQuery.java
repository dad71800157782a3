package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over the records of a stored run, for a result table: by outcome (empty = every outcome), by kind of
 * object, and by text that the item name or the error message contains (case-insensitive; blank = no text filter).
 */
public record ResultQuery(Set<Outcome> outcomes, Optional<ObjectKind> kind, String text) {
    public ResultQuery {
        requireNonNull(outcomes, "outcomes is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
        outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
        text = text.strip();
    }

    public static ResultQuery all() {
        return new ResultQuery(Set.of(), Optional.empty(), "");
    }

    /** The records a "retry the failed items" run takes: failed, and not run because of a cancel. */
    public static ResultQuery retryable() {
        return all().withOutcomes(EnumSet.of(Outcome.FAILED, Outcome.NOT_RUN));
    }

    public ResultQuery withOutcomes(Set<Outcome> o) {
        return new ResultQuery(o, kind, text);
    }

    public ResultQuery withKind(Optional<ObjectKind> k) {
        return new ResultQuery(outcomes, k, text);
    }

    public ResultQuery withText(String t) {
        return new ResultQuery(outcomes, kind, t);
    }
}
