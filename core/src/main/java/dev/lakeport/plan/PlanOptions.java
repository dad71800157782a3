package dev.lakeport.plan;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.ObjectKey;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * How to turn a diff into a plan. Deletions are planned only when {@code allowDeletes} is on and
 * {@code confirmedDeletes} equals the number of deletions the plan would make (the CLI's {@code --allow-deletes
 * --confirm-deletes N}). {@code scope}, if present, keeps only the keys it accepts (e.g. the failed items of an earlier
 * run). {@code limits} are the destination writer's batch sizes.
 */
public record PlanOptions(
        boolean allowDeletes,
        OptionalLong confirmedDeletes,
        WriterLimits limits,
        Optional<Predicate<ObjectKey>> scope) {

    public PlanOptions {
        requireNonNull(confirmedDeletes, "confirmedDeletes is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(scope, "scope is null");
    }

    /** Creates and updates only; deletions are reported as skipped. */
    public static PlanOptions of(WriterLimits limits) {
        return new PlanOptions(false, OptionalLong.empty(), limits, Optional.empty());
    }

    public PlanOptions withDeletesConfirmed(long count) {
        return new PlanOptions(true, OptionalLong.of(count), limits, scope);
    }

    public PlanOptions withScope(Predicate<ObjectKey> keep) {
        return new PlanOptions(allowDeletes, confirmedDeletes, limits, Optional.of(keep));
    }

    boolean inScope(ObjectKey key) {
        return scope.map(s -> s.test(key)).orElse(true);
    }
}
