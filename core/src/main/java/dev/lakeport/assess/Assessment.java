package dev.lakeport.assess;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.ObjectKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a route will do with the loaded source, before anything runs: counts by kind and by format, what the
 * destination cannot hold and where it goes instead, locations no mapping covers, views over tables outside the
 * scope, names and types that change, the calls and time a first run takes, and what needs a decision.
 */
public record Assessment(
        String sourceName,
        String destinationName,
        Instant generatedAt,
        Counts counts,
        Map<StorageFormat, Long> tablesByFormat,
        List<Finding> findings,
        List<UncoveredLocations.Group> uncoveredLocations,
        long uncoveredLocationCount,
        List<ViewOutsideScope> viewsOutsideScope,
        Changes changes,
        Estimate estimate,
        List<Decision> decisions) {

    public Assessment {
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(destinationName, "destinationName is null");
        requireNonNull(generatedAt, "generatedAt is null");
        requireNonNull(counts, "counts is null");
        tablesByFormat = Collections.unmodifiableMap(new LinkedHashMap<>(tablesByFormat));
        findings = List.copyOf(findings);
        uncoveredLocations = List.copyOf(uncoveredLocations);
        viewsOutsideScope = List.copyOf(viewsOutsideScope);
        requireNonNull(changes, "changes is null");
        requireNonNull(estimate, "estimate is null");
        decisions = List.copyOf(decisions);
    }

    /** {@code Glue → DLF}. */
    public String route() {
        return sourceName + " \u2192 " + destinationName;
    }

    /** The findings of one topic, most objects first. */
    public List<Finding> findings(Topic topic) {
        return findings.stream().filter(f -> f.topic() == topic).toList();
    }

    /** The objects in scope, by kind; {@code tables} leaves views out. */
    public record Counts(long databases, long tables, long views, long partitions, long functions, long outOfScope) {
        /** Tables and views together, as a catalog's table list holds them. */
        public long tablesAndViews() {
            return tables + views;
        }

        public long total() {
            return databases + tables + views + partitions + functions;
        }
    }

    /** Where a finding belongs in the report. */
    public enum Topic {
        /** A field or value the destination cannot hold as the source did. */
        CANNOT_HOLD,
        /** A name the destination may refuse. */
        NAMES,
        /** A location that still points at the source's storage. */
        LOCATIONS;

        static Topic of(MappingWarning.Code code) {
            return switch (code) {
                case NAME_CHARACTERS -> NAMES;
                case UNMAPPED_LOCATION, LOCATION_IN_PARAMETER -> LOCATIONS;
                default -> CANNOT_HOLD;
            };
        }
    }

    /**
     * One kind of mapping warning: how many objects it concerns, a few of its messages (which say where the value goes
     * instead), and what a user can do.
     */
    public record Finding(MappingWarning.Code code, Topic topic, long objects, List<String> examples, String whatToDo) {
        public Finding {
            requireNonNull(code, "code is null");
            requireNonNull(topic, "topic is null");
            examples = List.copyOf(examples);
            requireNonNull(whatToDo, "whatToDo is null");
        }
    }

    /** A view in scope that reads tables the scope leaves out ({@code db.table}). */
    public record ViewOutsideScope(String view, List<String> tablesOutside) {
        public ViewOutsideScope {
            requireNonNull(view, "view is null");
            tablesOutside = List.copyOf(tablesOutside);
        }
    }

    /**
     * Names and types the mapping changes: objects written under another name, columns under another type, and
     * function types (e.g. {@code REGULAR_FUNCTION → JAVA}) with how many functions each.
     */
    public record Changes(
            long renamed,
            List<String> renameExamples,
            long retypedColumns,
            List<String> retypeExamples,
            Map<String, Long> functionTypes) {
        public Changes {
            renameExamples = List.copyOf(renameExamples);
            retypeExamples = List.copyOf(retypeExamples);
            functionTypes = Collections.unmodifiableMap(new LinkedHashMap<>(functionTypes));
        }

        public boolean isEmpty() {
            return renamed == 0 && retypedColumns == 0 && functionTypes.isEmpty();
        }
    }

    /**
     * The calls a first run into an empty destination makes (one create per database, table and function; partitions
     * in batches of {@code partitionBatch}), and how long they take at {@code concurrency} calls at a time when each
     * takes {@code callLatency}, and no faster than {@code rate} calls a second (0: no limit). Databases go first,
     * then tables and functions, then partitions, as the plan orders them.
     */
    public record Estimate(
            Map<ObjectKind, Long> calls,
            int partitionBatch,
            int concurrency,
            double rate,
            Duration callLatency,
            Duration time) {
        public Estimate {
            EnumMap<ObjectKind, Long> copy = new EnumMap<>(ObjectKind.class);
            copy.putAll(calls);
            calls = Collections.unmodifiableMap(copy);
            requireNonNull(callLatency, "callLatency is null");
            requireNonNull(time, "time is null");
        }

        public long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Something a user should decide before the run, with what to do. */
    public record Decision(String topic, String what, long objects, String whatToDo) {
        public Decision {
            requireNonNull(topic, "topic is null");
            requireNonNull(what, "what is null");
            requireNonNull(whatToDo, "whatToDo is null");
        }
    }
}
