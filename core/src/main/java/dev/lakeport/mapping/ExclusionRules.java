package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A project's exclusion rules, in key order. As settings (how a Spark job receives them) each rule is a group of keys
 * under {@code lakeport.exclude.<n>.}: {@code database}, {@code table} for a table or partition rule, and
 * {@code values}, a JSON array of the partition's values, for a partition rule (values may hold commas and slashes).
 */
public final class ExclusionRules {
    public static final String PREFIX = "lakeport.exclude.";
    private static final ExclusionRules NONE = new ExclusionRules(List.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final List<ExclusionRule> rules;

    private ExclusionRules(List<ExclusionRule> rules) {
        this.rules = List.copyOf(new TreeSet<>(rules));
    }

    public static ExclusionRules none() {
        return NONE;
    }

    public static ExclusionRules of(List<ExclusionRule> rules) {
        return rules.isEmpty() ? NONE : new ExclusionRules(requireNonNull(rules, "rules is null"));
    }

    public List<ExclusionRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public int size() {
        return rules.size();
    }

    /** The first rule that covers {@code key}, if any. */
    public Optional<ExclusionRule> ruleFor(ObjectKey key) {
        for (ExclusionRule r : rules) {
            if (r.covers(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public boolean excludes(ObjectKey key) {
        return ruleFor(key).isPresent();
    }

    /** Whether some rule names one of this table's partitions (a table needs a partition test then). */
    public boolean hasPartitionRules(String database, String table) {
        ObjectKey t = ObjectKey.table(database, table);
        return rules.stream()
                .anyMatch(r -> r.kind() == ObjectKind.PARTITION
                        && r.target().parent().orElseThrow().equals(t));
    }

    /** The rules as the job's settings ({@code lakeport.exclude.1.database=finance}, ...). */
    public Map<String, String> toSettings() {
        Map<String, String> out = new TreeMap<>();
        int n = 0;
        for (ExclusionRule r : rules) {
            String p = PREFIX + (++n) + ".";
            out.put(p + "database", r.target().database());
            r.target().name().ifPresent(t -> out.put(p + "table", t));
            if (r.kind() == ObjectKind.PARTITION) {
                try {
                    out.put(p + "values", JSON.writeValueAsString(r.target().partitionValues()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /**
     * Reads the rules among {@code settings} (other keys are ignored).
     *
     * @throws IllegalArgumentException naming the key and its value when a rule is incomplete or unreadable
     */
    public static ExclusionRules fromSettings(Map<String, String> settings) {
        Map<String, Map<String, String>> groups = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                return;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String field = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !List.of("database", "table", "values").contains(field)) {
                throw new IllegalArgumentException(key + "=" + value + ": an exclusion rule's key is " + PREFIX
                        + "<n>.database, .table or .values");
            }
            groups.computeIfAbsent(rest.substring(0, dot), g -> new TreeMap<>()).put(field, value.trim());
        });
        List<ExclusionRule> rules = new ArrayList<>();
        groups.forEach((n, fields) -> {
            String where = PREFIX + n + ".";
            String database = fields.get("database");
            if (database == null || database.isEmpty()) {
                throw new IllegalArgumentException(where + "database: missing; every exclusion rule names a database");
            }
            String table = fields.get("table");
            String values = fields.get("values");
            if (table == null || table.isEmpty()) {
                if (values != null) {
                    throw new IllegalArgumentException(
                            where + "values=" + values + ": a partition rule needs " + where + "table");
                }
                rules.add(ExclusionRule.database(database));
            } else if (values == null) {
                rules.add(ExclusionRule.table(database, table));
            } else {
                List<String> parsed;
                try {
                    parsed = JSON.readValue(values, STRINGS);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            where + "values=" + values + ": not a JSON array of strings, e.g. [\"2024\",\"cn\"]");
                }
                if (parsed == null || parsed.isEmpty()) {
                    throw new IllegalArgumentException(where + "values=" + values + ": a partition has values");
                }
                rules.add(ExclusionRule.partition(database, table, parsed));
            }
        });
        return of(rules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExclusionRules other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return rules.stream().map(ExclusionRule::describe).toList().toString();
    }
}
