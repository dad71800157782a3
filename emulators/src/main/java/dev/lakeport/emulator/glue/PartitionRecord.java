package dev.lakeport.emulator.glue;

import java.nio.charset.StandardCharsets;

/**
 * One stored partition, kept small for catalogs of millions: interned values, a shared storage descriptor, the
 * Location as a suffix of a shared prefix (or nothing when it is the Hive default path), parameters as compact
 * UTF-8 JSON and times as epoch milliseconds ({@link Wire#ABSENT_TIME} when unset). Immutable.
 */
final class PartitionRecord {
    final String[] values;
    final SharedDescriptor descriptor;
    final LocationBase locationBase;
    final byte[] locationSuffix;
    final byte[] parameters;
    final long creationTime;
    final long lastAccessTime;
    final long lastAnalyzedTime;

    PartitionRecord(
            String[] values,
            SharedDescriptor descriptor,
            LocationBase locationBase,
            byte[] locationSuffix,
            byte[] parameters,
            long creationTime,
            long lastAccessTime,
            long lastAnalyzedTime) {
        this.values = values;
        this.descriptor = descriptor;
        this.locationBase = locationBase;
        this.locationSuffix = locationSuffix;
        this.parameters = parameters;
        this.creationTime = creationTime;
        this.lastAccessTime = lastAccessTime;
        this.lastAnalyzedTime = lastAnalyzedTime;
    }

    /** The Location, or null when the partition has none. */
    String location() {
        if (locationBase == null) {
            return locationSuffix == null ? null : new String(locationSuffix, StandardCharsets.UTF_8);
        }
        if (locationSuffix == null) {
            return locationBase.derive(values);
        }
        return locationBase.prefix() + new String(locationSuffix, StandardCharsets.UTF_8);
    }
}
