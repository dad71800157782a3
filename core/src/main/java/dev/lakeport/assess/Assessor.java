package dev.lakeport.assess;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.Scope;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.mapping.ViewReferences;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.TableSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Builds an {@link Assessment} from the source side of a snapshot, the project's scope and a route's
 * {@link DestinationRules}. Streams tables and partitions a page at a time, so memory stays flat however large the
 * catalog; reads only.
 */
public final class Assessor {
    /** The per-call time assumed when the settings do not name one. */
    public static final Duration DEFAULT_CALL_LATENCY = Duration.ofMillis(50);

    static final int EXAMPLES = 3;
    /** Views and location prefixes listed one by one among the decisions; the rest are counted in one line. */
    static final int MAX_LISTED = 50;

    private static final int PAGE = 5_000;

    /**
     * How the run would go: {@code lakeport.concurrency} calls at a time, at most {@code rate} a second (0: no limit),
     * each assumed to take {@code callLatency}, with the destination writer's batch limits.
     */
    public record Settings(int concurrency, double rate, Duration callLatency, WriterLimits limits) {
        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be positive, got " + concurrency);
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be 0 or more, got " + rate);
            }
            requireNonNull(callLatency, "callLatency is null");
            if (callLatency.isNegative() || callLatency.isZero()) {
                throw new IllegalArgumentException("callLatency must be positive, got " + callLatency);
            }
            requireNonNull(limits, "limits is null");
        }

        /**
         * The per-call latency a project's settings name ({@code lakeport.assess.callLatency}, e.g. {@code 80ms}), else
         * {@link #DEFAULT_CALL_LATENCY}.
         *
         * @throws IllegalArgumentException naming the key and the value when it is not a positive duration
         */
        public static Duration callLatency(Map<String, String> settings) {
            String value = settings.get(ConfigKeys.ASSESS_CALL_LATENCY);
            if (value == null || value.isBlank()) {
                return DEFAULT_CALL_LATENCY;
            }
            Optional<Duration> parsed = dev.lakeport.connector.SettingsCheck.parseDuration(value);
            if (parsed.isEmpty() || parsed.get().isZero() || parsed.get().isNegative()) {
                throw new IllegalArgumentException(ConfigKeys.ASSESS_CALL_LATENCY + "=" + value
                        + ": not a positive duration (write e.g. 50ms, 0.2s)");
            }
            return parsed.get();
        }
    }

    private final SnapshotStore snapshot;
    private final DestinationRules rules;
    private final Scope scope;
    private final Settings settings;
    private final Clock clock;

    public Assessor(SnapshotStore snapshot, DestinationRules rules, Scope scope, Settings settings) {
        this(snapshot, rules, scope, settings, Clock.systemUTC());
    }

    Assessor(SnapshotStore snapshot, DestinationRules rules, Scope scope, Settings settings, Clock clock) {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Whether the source side holds anything to assess. */
    public static boolean hasSource(SnapshotStore snapshot) {
        return snapshot.loadInfo(Side.SOURCE).isPresent()
                && !snapshot.databases(Side.SOURCE).isEmpty();
    }

    public Assessment assess(CancellationToken cancel) {
        Tally tally = new Tally(rules.uncoveredLocations());
        for (DatabaseSummary db : snapshot.databases(Side.SOURCE)) {
            cancel.check();
            Optional<Database> database = snapshot.database(Side.SOURCE, db.name());
            if (database.isEmpty() || !scope.includes(database.get().key())) {
                tally.outOfScope += 1 + db.tables() + db.partitions() + db.functions();
                continue;
            }
            tally.database(database.get());
            for (Function f : snapshot.functions(Side.SOURCE, db.name())) {
                if (scope.includesFunctions() && scope.includes(f.key())) {
                    tally.function(f);
                } else {
                    tally.outOfScope++;
                }
            }
            long offset = 0;
            List<TableSummary> tables;
            do {
                tables = snapshot.tables(Side.SOURCE, db.name(), "", offset, PAGE);
                offset += tables.size();
                for (TableSummary summary : tables) {
                    cancel.check();
                    assessTable(summary, tally, cancel);
                }
            } while (tables.size() == PAGE);
        }
        return tally.build();
    }

    private void assessTable(TableSummary summary, Tally tally, CancellationToken cancel) {
        Table table = summary.table();
        if (!scope.includes(table.key())) {
            tally.outOfScope += 1 + summary.partitionCount();
            return;
        }
        tally.table(table);
        if (!scope.includesPartitions() || summary.partitionCount() == 0) {
            tally.outOfScope += summary.partitionCount();
            return;
        }
        Predicate<List<String>> wanted = scope.filtersPartitions(table.databaseName(), table.name())
                ? scope.partitionPredicate(table)
                : values -> true;
        long inScope = 0;
        Optional<List<String>> after = Optional.empty();
        List<Partition> page;
        do {
            cancel.check();
            page = snapshot.partitions(Side.SOURCE, table.databaseName(), table.name(), after, PAGE);
            for (Partition p : page) {
                if (wanted.test(p.values())) {
                    tally.partition(p);
                    inScope++;
                } else {
                    tally.outOfScope++;
                }
            }
            if (!page.isEmpty()) {
                after = Optional.of(page.get(page.size() - 1).values());
            }
        } while (page.size() == PAGE);
        tally.partitionCalls += ceilDiv(inScope, settings.limits().createPartitions());
    }

    /** The running figures of one assessment. */
    private final class Tally {
        final UncoveredLocations uncovered;
        long databases;
        long tables;
        long views;
        long partitions;
        long functions;
        long outOfScope;
        long partitionCalls;
        final Map<StorageFormat, Long> formats = new EnumMap<>(StorageFormat.class);
        final Map<MappingWarning.Code, Long> warningCounts = new EnumMap<>(MappingWarning.Code.class);
        final Map<MappingWarning.Code, List<String>> warningExamples = new EnumMap<>(MappingWarning.Code.class);
        final List<Assessment.ViewOutsideScope> viewsOutside = new ArrayList<>();
        long renamed;
        final List<String> renameExamples = new ArrayList<>();
        long retyped;
        final List<String> retypeExamples = new ArrayList<>();
        final Map<String, Long> functionTypes = new TreeMap<>();

        Tally(UncoveredLocations uncovered) {
            this.uncovered = uncovered;
        }

        void database(Database d) {
            databases++;
            translate(d);
        }

        void function(Function f) {
            functions++;
            CatalogObject mapped = translate(f);
            String before = f.functionType().orElse("(none)");
            String after = ((Function) mapped).functionType().orElse("(none)");
            if (!before.equals(after)) {
                functionTypes.merge(before + " \u2192 " + after, 1L, Long::sum);
            }
        }

        void table(Table t) {
            if (t.isView()) {
                views++;
                viewOutsideScope(t);
            } else {
                tables++;
            }
            formats.merge(StorageFormat.of(t), 1L, Long::sum);
            CatalogObject mapped = translate(t);
            if (mapped instanceof Table mt) {
                columnTypes(t, mt);
            }
        }

        void partition(Partition p) {
            partitions++;
            translate(p);
        }

        private CatalogObject translate(CatalogObject source) {
            DestinationRules.Translation translation = rules.translate(source);
            for (MappingWarning w : translation.warnings()) {
                warningCounts.merge(w.code(), 1L, Long::sum);
                // one example per distinct message (e.g. each Glue field kept as a parameter), not the first few
                // objects
                List<String> examples = warningExamples.computeIfAbsent(w.code(), c -> new ArrayList<>());
                if (examples.size() < EXAMPLES && examples.stream().noneMatch(e -> e.endsWith(": " + w.message()))) {
                    examples.add(w.key().itemName() + ": " + w.message());
                }
            }
            uncovered.addAll(source);
            if (!translation.mapped().key().equals(source.key())) {
                renamed++;
                if (renameExamples.size() < EXAMPLES) {
                    renameExamples.add(source.key().itemName() + " \u2192 "
                            + translation.mapped().key().itemName());
                }
            }
            return translation.mapped();
        }

        private void columnTypes(Table source, Table mapped) {
            Map<String, String> before = types(source);
            Map<String, String> after = types(mapped);
            before.forEach((name, type) -> {
                String now = after.get(name);
                if (now != null && !now.equalsIgnoreCase(type)) {
                    retyped++;
                    if (retypeExamples.size() < EXAMPLES) {
                        retypeExamples.add(source.key().itemName() + "." + name + ": " + type + " \u2192 " + now);
                    }
                }
            });
        }

        private static Map<String, String> types(Table t) {
            Map<String, String> out = new LinkedHashMap<>();
            List<Column> columns = new ArrayList<>(t.partitionKeys());
            t.storageDescriptor().ifPresent(sd -> columns.addAll(sd.columns()));
            columns.forEach(c -> out.put(c.name().toLowerCase(Locale.ROOT), c.type()));
            return out;
        }

        private void viewOutsideScope(Table view) {
            List<String> outside = new ArrayList<>();
            for (String table : ViewReferences.tables(view)) {
                int dot = table.indexOf('.');
                if (!scope.includesTable(table.substring(0, dot), table.substring(dot + 1))) {
                    outside.add(table);
                }
            }
            if (!outside.isEmpty()) {
                viewsOutside.add(new Assessment.ViewOutsideScope(view.key().itemName(), outside));
            }
        }

        Assessment build() {
            List<Assessment.Finding> findings = new ArrayList<>();
            warningCounts.forEach((code, count) -> findings.add(new Assessment.Finding(
                    code, Assessment.Topic.of(code), count, warningExamples.get(code), rules.whatToDo(code))));
            findings.sort((a, b) -> Long.compare(b.objects(), a.objects()));
            Map<StorageFormat, Long> byFormat = new LinkedHashMap<>();
            formats.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> byFormat.put(e.getKey(), e.getValue()));
            Assessment.Estimate estimate = estimate();
            List<UncoveredLocations.Group> groups = uncovered.groups();
            return new Assessment(
                    rules.sourceName(),
                    rules.destinationName(),
                    clock.instant(),
                    new Assessment.Counts(databases, tables, views, partitions, functions, outOfScope),
                    byFormat,
                    findings,
                    groups,
                    uncovered.total(),
                    viewsOutside,
                    new Assessment.Changes(renamed, renameExamples, retyped, retypeExamples, functionTypes),
                    estimate,
                    decisions(findings, groups));
        }

        private Assessment.Estimate estimate() {
            Map<ObjectKind, Long> calls = new EnumMap<>(ObjectKind.class);
            calls.put(ObjectKind.DATABASE, databases);
            calls.put(ObjectKind.TABLE, tables + views);
            calls.put(ObjectKind.PARTITION, partitionCalls);
            calls.put(ObjectKind.FUNCTION, functions);
            int n = settings.concurrency();
            // databases first, then tables and functions (they need their database), then partitions
            long rounds = ceilDiv(databases, n) + ceilDiv(tables + views + functions, n) + ceilDiv(partitionCalls, n);
            Duration time = settings.callLatency().multipliedBy(rounds);
            long total = databases + tables + views + functions + partitionCalls;
            if (settings.rate() > 0) {
                Duration limited = Duration.ofMillis(Math.round(total * 1000.0 / settings.rate()));
                if (limited.compareTo(time) > 0) {
                    time = limited;
                }
            }
            return new Assessment.Estimate(
                    calls, settings.limits().createPartitions(), n, settings.rate(), settings.callLatency(), time);
        }

        private List<Assessment.Decision> decisions(
                List<Assessment.Finding> findings, List<UncoveredLocations.Group> groups) {
            List<Assessment.Decision> out = new ArrayList<>();
            String locationTodo = rules.whatToDo(MappingWarning.Code.UNMAPPED_LOCATION);
            for (int i = 0; i < groups.size() && i < MAX_LISTED; i++) {
                UncoveredLocations.Group g = groups.get(i);
                out.add(new Assessment.Decision(
                        "location",
                        String.format(
                                Locale.ROOT,
                                "%,d %s under %s no location.convertMap entry covers, e.g. %s",
                                g.count(),
                                g.count() == 1 ? "location" : "locations",
                                g.prefix(),
                                g.example()),
                        g.count(),
                        locationTodo));
            }
            if (groups.size() > MAX_LISTED) {
                long rest = groups.stream()
                                .skip(MAX_LISTED)
                                .mapToLong(UncoveredLocations.Group::count)
                                .sum()
                        + uncovered.overflow();
                out.add(new Assessment.Decision(
                        "location",
                        String.format(Locale.ROOT, "%,d more uncovered locations under other prefixes", rest),
                        rest,
                        locationTodo));
            }
            String viewTodo = rules.whatToDo(MappingWarning.Code.VIEW_OUTSIDE_SCOPE);
            for (int i = 0; i < viewsOutside.size() && i < MAX_LISTED; i++) {
                Assessment.ViewOutsideScope v = viewsOutside.get(i);
                out.add(new Assessment.Decision(
                        "view",
                        "view " + v.view() + " reads " + String.join(", ", v.tablesOutside()) + ", outside the scope",
                        1,
                        viewTodo));
            }
            if (viewsOutside.size() > MAX_LISTED) {
                out.add(new Assessment.Decision(
                        "view",
                        (viewsOutside.size() - MAX_LISTED) + " more views read tables outside the scope",
                        viewsOutside.size() - MAX_LISTED,
                        viewTodo));
            }
            for (Assessment.Finding f : findings) {
                if (f.code() == MappingWarning.Code.UNMAPPED_LOCATION) {
                    continue; // listed by prefix above
                }
                out.add(new Assessment.Decision(
                        topicWord(f.topic()),
                        String.format(Locale.ROOT, "%,d %s: ", f.objects(), f.objects() == 1 ? "object" : "objects")
                                + f.examples().get(0),
                        f.objects(),
                        f.whatToDo()));
            }
            return out;
        }
    }

    private static String topicWord(Assessment.Topic topic) {
        return switch (topic) {
            case CANNOT_HOLD -> "field";
            case NAMES -> "name";
            case LOCATIONS -> "location";
        };
    }

    private static long ceilDiv(long n, long d) {
        return n == 0 ? 0 : (n + d - 1) / d;
    }
}
