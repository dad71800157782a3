package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;

/**
 * A user's standing decision to leave an object out of the migration: a database (with everything in it), a table
 * (with its partitions), one partition (its values) or one function. Stored with the project, so every later diff, plan, resume,
 * verify and job honours it; the diff still records what it covers, as excluded.
 */
public record ExclusionRule(ObjectKey target) implements Comparable<ExclusionRule> {
    public ExclusionRule {
        requireNonNull(target, "target is null");
    }

    public static ExclusionRule database(String database) {
        return new ExclusionRule(ObjectKey.database(database));
    }

    public static ExclusionRule table(String database, String table) {
        return new ExclusionRule(ObjectKey.table(database, table));
    }

    public static ExclusionRule partition(String database, String table, java.util.List<String> values) {
        return new ExclusionRule(ObjectKey.partition(database, table, values));
    }

    public ObjectKind kind() {
        return target.kind();
    }

    /** Whether {@code key} is the target or lies under it (a database's tables, partitions and functions). */
    public boolean covers(ObjectKey key) {
        requireNonNull(key, "key is null");
        if (!key.database().equals(target.database())) {
            return false;
        }
        return switch (target.kind()) {
            case DATABASE -> true;
            case TABLE -> (key.kind() == ObjectKind.TABLE || key.kind() == ObjectKind.PARTITION)
                    && key.name().equals(target.name());
            default -> key.equals(target);
        };
    }

    /** {@code database finance}, {@code table finance.sales}, {@code partition finance.sales/2024}. */
    public String describe() {
        return target.toString();
    }

    @Override
    public int compareTo(ExclusionRule o) {
        return target.compareTo(o.target);
    }
}
