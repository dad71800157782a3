package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a diff run was computed from: the id of the mapping that put the source in destination form and a stamp of
 * each side's snapshot load ({@link dev.lakeport.snapshot.LoadInfo#stamp()}). A stored run applies only while its
 * basis is still the project's; otherwise its entries describe a catalog state that no longer holds.
 */
public record DiffBasis(Optional<String> mappingId, Optional<String> sourceLoad, Optional<String> destinationLoad) {
    public DiffBasis {
        requireNonNull(mappingId, "mappingId is null");
        requireNonNull(sourceLoad, "sourceLoad is null");
        requireNonNull(destinationLoad, "destinationLoad is null");
    }

    /** Why a run made on this basis must not be applied now that the project stands at {@code current}, if so. */
    public Optional<String> staleAgainst(DiffBasis current) {
        requireNonNull(current, "current is null");
        if (mappingId.isEmpty()) {
            return Optional.of("it does not record the configuration it was made with");
        }
        if (!mappingId.equals(current.mappingId)) {
            return Optional.of("the configuration's mapping (location.convertMap) changed since");
        }
        if (!sourceLoad.equals(current.sourceLoad)) {
            return Optional.of("the source was loaded again since");
        }
        if (!destinationLoad.equals(current.destinationLoad)) {
            return Optional.of("the destination was loaded again since");
        }
        return Optional.empty();
    }
}
