package dev.lakeport.assess;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.route.Route;

/** A route's rules for the assessment: its mapping, and the two systems' names as users know them. */
public final class RouteRules implements DestinationRules {
    private final Route route;
    private final CatalogMapping mapping;

    public RouteRules(Route route, CatalogMapping mapping) {
        this.route = requireNonNull(route, "route is null");
        this.mapping = requireNonNull(mapping, "mapping is null");
    }

    @Override
    public String sourceName() {
        return route.source().shortName();
    }

    @Override
    public String destinationName() {
        return route.destination().shortName();
    }

    @Override
    public Translation translate(CatalogObject source) {
        CatalogMapping.Mapped mapped = mapping.map(source);
        return new Translation(mapped.object(), mapped.warnings());
    }

    @Override
    public UncoveredLocations uncoveredLocations() {
        // A destination that does not keep locations has none to cover.
        return mapping.keepsLocations() ? mapping.locationMapper().uncovered() : UncoveredLocations.none();
    }

    @Override
    public String whatToDo(MappingWarning.Code code) {
        return switch (code) {
            case FALLBACK_PARAMETER -> "Nothing to do unless engines at the destination need the field: it travels"
                    + " as a lakeport.glue.* parameter, so a later move back can restore it.";
            case GOVERNED_TABLE -> "Decide whether the table may lose its Lake Formation transactions and row"
                    + " filters in DLF, or leave it out of the scope.";
            case STORED_PROCEDURE -> "Check that Hive or Spark can call the class as a UDF, or leave the function"
                    + " out (lakeport.functions=false or an exclusion rule).";
            case NAME_CHARACTERS -> "Rename the object at the source, or leave it out of the scope: DLF may refuse"
                    + " names with characters other than letters, digits and '_'.";
            case TIME_OUT_OF_RANGE -> "Correct the time at the source: DLF keeps int32 seconds and the write will be"
                    + " refused.";
            case UNMAPPED_LOCATION -> "Add a location.convertMap entry for the prefix, or accept that the data stays"
                    + " on S3, where Alibaba Cloud engines cannot read it.";
            case LONG_COLUMN_TYPE -> "Try the table first with a small scope: metastores may refuse types this long.";
            case UNKNOWN_OWNER_TYPE, UNKNOWN_RESOURCE_TYPE -> "Correct the function at the source to a word Hive knows"
                    + " (USER, ROLE, GROUP; JAR, FILE, ARCHIVE), or leave it out.";
            case VIEW_OUTSIDE_SCOPE -> "Add the tables the view reads to the scope, or leave the view out with an"
                    + " exclusion rule.";
            case LOCATION_IN_PARAMETER -> "Rewrite the parameter after the move, or at the source: Lakeport carries it"
                    + " unchanged, so it still points at S3.";
            case TYPE_NOT_HELD -> "Turn on the project's type-system flag the message names (odps.sql.type.system.odps2"
                    + " or odps.sql.hive.compatible), change the column at the source, or leave the table out: the"
                    + " run does not start while a type cannot be held.";
            case DESTINATION_NOT_LOADED -> "Load the destination (lakeport-cli load --side destination): its flags"
                    + " decide the types.";
        };
    }
}
