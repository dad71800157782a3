package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;

/** One row of an ordered snapshot scan: an object's key and the fingerprint of its canonical, mapped form. */
public record ScanEntry(ObjectKey key, long fingerprint) {
    public ScanEntry {
        requireNonNull(key, "key is null");
    }
}
