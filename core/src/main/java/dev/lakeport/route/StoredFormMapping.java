package dev.lakeport.route;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.Naming;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A route's rules followed by the destination's stored form: what is compared is what the destination will hold. */
final class StoredFormMapping implements CatalogMapping {
    /** Part of the mapping id: raise it when a connector's stored form changes, so stored snapshots are mapped again. */
    static final int VERSION = 1;

    private final CatalogMapping rules;
    private final UnaryOperator<CatalogObject> stored;
    private final String mappingId;

    StoredFormMapping(CatalogMapping rules, String destinationKind, UnaryOperator<CatalogObject> stored) {
        this.rules = requireNonNull(rules, "rules is null");
        this.stored = requireNonNull(stored, "stored is null");
        this.mappingId = rules.mappingId() + "+stored-" + destinationKind + "-v" + VERSION;
    }

    @Override
    public CatalogObject apply(CatalogObject object) {
        return stored.apply(rules.apply(object));
    }

    @Override
    public Mapped map(CatalogObject source) {
        Mapped mapped = rules.map(source);
        return new Mapped(stored.apply(mapped.object()), mapped.warnings());
    }

    @Override
    public String mappingId() {
        return mappingId;
    }

    @Override
    public LocationMapper locationMapper() {
        return rules.locationMapper();
    }

    @Override
    public List<MappingWarning> warnings(CatalogObject source) {
        return rules.warnings(source);
    }

    @Override
    public List<ColumnTypeMapping> columnTypes(Table source) {
        return rules.columnTypes(source);
    }

    @Override
    public Optional<DestinationCheck> destinationCheck() {
        return rules.destinationCheck();
    }

    @Override
    public Scope destinationScope(Scope sourceScope) {
        return rules.destinationScope(sourceScope);
    }

    @Override
    public Optional<Naming> naming() {
        return rules.naming();
    }

    @Override
    public boolean keepsLocations() {
        return rules.keepsLocations();
    }

    @Override
    public boolean learnsFromSource() {
        return rules.learnsFromSource();
    }

    @Override
    public boolean mergesPartitions() {
        return rules.mergesPartitions();
    }

    @Override
    public List<String> destinationValues(String database, String table, List<String> values) {
        return rules.destinationValues(database, table, values);
    }

    @Override
    public String toString() {
        return rules + " then " + mappingId.substring(mappingId.lastIndexOf('+') + 1);
    }
}
