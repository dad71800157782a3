package dev.lakeport.assess;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.CatalogObject;
import java.util.List;

/**
 * What the assessment needs to know of a route: what a source object becomes at the destination, what the destination
 * cannot hold of it (and where that goes instead, in the warning's words), which locations no mapping covers, and what
 * a user can do about each kind of warning. A route supplies it; today {@link RouteRules} does.
 */
public interface DestinationRules {

    /** The source system as a user names it, e.g. {@code Glue}. */
    String sourceName();

    /** The destination system as a user names it, e.g. {@code DLF}. */
    String destinationName();

    /** The object as it will be written, and what the destination cannot hold of it as the source did. */
    Translation translate(CatalogObject source);

    /** A fresh tracker of the locations the route's location mapping leaves unchanged. */
    UncoveredLocations uncoveredLocations();

    /** What a user can do about a kind of warning, in one sentence. */
    String whatToDo(MappingWarning.Code code);

    /** A source object as the destination will receive it. */
    record Translation(CatalogObject mapped, List<MappingWarning> warnings) {
        public Translation {
            requireNonNull(mapped, "mapped is null");
            warnings = List.copyOf(warnings);
        }
    }
}
