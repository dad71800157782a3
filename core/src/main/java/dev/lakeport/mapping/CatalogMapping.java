package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A route's rules from what the source holds to what the destination should hold: locations ({@code
 * location.convertMap}), names, types, and what the destination cannot hold and where it goes instead. Applied to
 * every source object before it is stored and compared.
 */
public interface CatalogMapping extends UnaryOperator<CatalogObject>, dev.lakeport.snapshot.MergingPartitions {

    /** An object as mapped, with what a user should know about it. */
    record Mapped(CatalogObject object, List<MappingWarning> warnings) {
        public Mapped {
            requireNonNull(object, "object is null");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A stable hash of everything that changes what {@link #apply} returns (the rules' version and the location
     * entries): a stored mapped snapshot made with another id is mapped again.
     */
    String mappingId();

    LocationMapper locationMapper();

    /** What a user should know about a source object (pass the source object, not the mapped one). */
    List<MappingWarning> warnings(CatalogObject source);

    /** The mapped object and its warnings in one pass. */
    default Mapped map(CatalogObject source) {
        return new Mapped(apply(source), warnings(source));
    }

    /**
     * Each column's type as the destination will hold it, for routes between type systems (the type-mapping
     * preview); empty when types travel unchanged.
     */
    default List<ColumnTypeMapping> columnTypes(Table source) {
        return List.of();
    }

    /** A fresh check of what the destination cannot take, for destinations with limits of their own. */
    default java.util.Optional<DestinationCheck> destinationCheck() {
        return java.util.Optional.empty();
    }

    /** Whether several source partitions become one destination partition (none do, unless a mapping says so). */
    @Override
    default boolean mergesPartitions() {
        return false;
    }

    /** A source partition's values at the destination: the same, unless partitions merge. */
    @Override
    default List<String> destinationValues(String database, String table, List<String> values) {
        return values;
    }

    /**
     * Whether this mapping depends on what its {@link #destinationCheck()} learns from the loaded source ({@link
     * DestinationCheck#mappingFacts()}), so that the project feeds the check the source and builds the mapping again
     * with those facts (MaxCompute's {@code auto} folding of partition keys).
     */
    default boolean learnsFromSource() {
        return false;
    }

    /**
     * The scope as it applies to destination objects (the destination's load and the diff's keys), given the scope
     * in the source's names. The same scope when the destination keeps the source's names.
     */
    default Scope destinationScope(Scope sourceScope) {
        return sourceScope;
    }

    /**
     * Where source objects go when the destination names them its own way; empty when names travel unchanged. With a
     * naming, the objects this mapping takes ({@link #apply}, {@link #warnings}, {@link #columnTypes}, {@link
     * #destinationCheck}) are source objects already renamed, as the project's snapshot keeps them; {@link
     * #fromSource()} takes them as read.
     */
    default java.util.Optional<Naming> naming() {
        return java.util.Optional.empty();
    }

    /** This mapping for objects as the source catalog gives them: renamed first when the route has a naming. */
    default UnaryOperator<CatalogObject> fromSource() {
        java.util.Optional<Naming> naming = naming();
        return naming.isEmpty() ? this : o -> apply(naming.get().rename(o));
    }

    /**
     * Whether the destination keeps the source's locations, so that {@code location.convertMap} matters: false where
     * the data is copied into the destination's own storage (MaxCompute), and locations not covered are no concern.
     */
    default boolean keepsLocations() {
        return true;
    }
}
