package dev.lakeport.pipeline;

import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.load.LoadScope;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A migration's {@link Scope} as the loader sees it: the same filters on both catalogs. Partition filters are pushed
 * down only to Glue, whose Expression grammar they are written in; on other catalogs they are evaluated locally.
 */
public final class ScopeAdapter implements LoadScope {
    private final Scope scope;
    private final boolean pushDown;

    /**
     * @param pushDown whether partition filters go to the catalog as Glue expressions (the source, Glue) or are only
     *     evaluated here (the destination)
     */
    public ScopeAdapter(Scope scope, boolean pushDown) {
        this.scope = scope;
        this.pushDown = pushDown;
    }

    @Override
    public boolean includesDatabase(String database) {
        return scope.includesDatabase(database);
    }

    @Override
    public boolean includesTable(String database, String table) {
        return scope.includesTable(database, table);
    }

    @Override
    public boolean includesFunction(String database, String function) {
        return scope.includesFunction(database, function);
    }

    @Override
    public boolean includesFunctions() {
        return scope.includesFunctions();
    }

    @Override
    public boolean includesPartitions() {
        return scope.includesPartitions();
    }

    @Override
    public Optional<String> partitionExpression(Table table) {
        if (!pushDown) {
            return Optional.empty();
        }
        // Only what Glue can evaluate itself (e.g. not decimal keys); the rest is filtered locally.
        return scope.partitionFilter(table.databaseName(), table.name())
                .filter(f -> f.canPushDown(table.partitionKeys()))
                .map(PartitionFilter::toGlueExpression);
    }

    @Override
    public Optional<Predicate<List<String>>> partitionPredicate(Table table) {
        return scope.filtersPartitions(table.databaseName(), table.name())
                ? Optional.of(scope.partitionPredicate(table))
                : Optional.empty();
    }
}
