package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.load.LoadTarget;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.Naming;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source load stored under the destination's names ({@link Naming}), so that the diff meets each source object and
 * its destination counterpart under one key. Two source tables that would get one name are not merged silently: the
 * first keeps the name, and the clash is kept as a problem naming both, which stops a run until it is resolved.
 */
final class RenamingLoadTarget implements LoadTarget {
    static final String NAMING_ID = "lakeport.naming.id";
    static final String CLASH_PREFIX = "lakeport.naming.clash.";

    private final LoadTarget target;
    private final Naming naming;
    private final Map<String, String> sourceOf = new ConcurrentHashMap<>();
    private final Map<String, String> clashes = new ConcurrentHashMap<>();

    RenamingLoadTarget(LoadTarget target, Naming naming) {
        this.target = requireNonNull(target, "target is null");
        this.naming = requireNonNull(naming, "naming is null");
    }

    @Override
    public void putDatabase(Database database) {
        target.putDatabase((Database) naming.rename(database));
    }

    @Override
    public void putTable(Table table) {
        Table renamed = (Table) naming.rename(table);
        String destination = renamed.databaseName() + "." + renamed.name();
        String source = table.databaseName() + "." + table.name();
        String first = sourceOf.putIfAbsent(destination.toLowerCase(Locale.ROOT), source);
        if (first != null && !first.equalsIgnoreCase(source)) {
            clashes.put(destination, "tables " + first + " and " + source + " both become " + destination);
            return;
        }
        target.putTable(renamed);
    }

    @Override
    public void putFunction(Function function) {
        target.putFunction((Function) naming.rename(function));
    }

    @Override
    public boolean isTableComplete(String database, String table) {
        return target.isTableComplete(naming.database(database), naming.table(database, table));
    }

    @Override
    public long replacePartitions(Table table, Iterator<Partition> partitions) {
        Table renamed = (Table) naming.rename(table);
        String source = sourceOf.get((renamed.databaseName() + "." + renamed.name()).toLowerCase(Locale.ROOT));
        if (source != null && !source.equalsIgnoreCase(table.databaseName() + "." + table.name())) {
            return 0; // the clashing table's partitions would land in the other's
        }
        return target.replacePartitions(renamed, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return partitions.hasNext();
            }

            @Override
            public Partition next() {
                return (Partition) naming.rename(partitions.next());
            }
        });
    }

    @Override
    public void complete() {
        target.complete();
    }

    /** What the project keeps about this load's names: the naming's id and every clash. */
    Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(NAMING_ID, naming.id());
        clashes.forEach((destination, message) -> out.put(CLASH_PREFIX + destination, message));
        return out;
    }

    /** The clashes kept in {@code facts}, as problems naming both tables. */
    static List<DestinationCheck.Problem> clashes(Map<String, String> facts) {
        List<DestinationCheck.Problem> out = new ArrayList<>();
        facts.forEach((k, v) -> {
            if (k.startsWith(CLASH_PREFIX)) {
                out.add(new DestinationCheck.Problem(k.substring(CLASH_PREFIX.length()), v));
            }
        });
        return out;
    }
}
