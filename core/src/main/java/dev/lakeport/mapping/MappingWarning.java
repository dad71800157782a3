package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;

/**
 * Something about an object that the destination may not hold as the source did. Warnings are data: the diff report
 * lists them beside the object, and a run goes on.
 */
public record MappingWarning(ObjectKey key, Code code, String message) {

    public MappingWarning {
        requireNonNull(key, "key is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }

    /** What kind of problem; stable names a report can filter on. */
    public enum Code {
        /** A Lake Formation governed table: DLF keeps the type string but not the transactions behind it. */
        GOVERNED_TABLE,
        /** A Glue STORED_PROCEDURE function: DLF (Hive) only has JAVA functions. */
        STORED_PROCEDURE,
        /** A Glue field DLF has no place for travels as a {@code lakeport.glue.*} parameter. */
        FALLBACK_PARAMETER,
        /** A name with characters outside {@code [A-Za-z0-9_]}, which DLF may reject. */
        NAME_CHARACTERS,
        /** A time DLF cannot store: it keeps int32 epoch seconds (up to 2038-01-19T03:14:07Z). */
        TIME_OUT_OF_RANGE,
        /** A location still on S3 after {@code location.convertMap}: Alibaba engines cannot read it. */
        UNMAPPED_LOCATION,
        /** A column type longer than a Hive-style metastore is known to store. */
        LONG_COLUMN_TYPE,
        /** An owner type Hive's {@code PrincipalType} does not know; Hive reads would fail. */
        UNKNOWN_OWNER_TYPE,
        /** A resource type Hive's {@code ResourceType} does not know; Hive reads would fail. */
        UNKNOWN_RESOURCE_TYPE,
        /** A view reads tables outside the scope: it is migrated, they are not, so it may fail at the destination. */
        VIEW_OUTSIDE_SCOPE,
        /**
         * A parameter other than the well-known location-bearing ones holds a value under a mapped source prefix; it
         * is carried unchanged, so it still points at the source's storage.
         */
        LOCATION_IN_PARAMETER,
        /** A column type the destination cannot hold (MaxCompute: UNIONTYPE, a decimal scale above 18, …). */
        TYPE_NOT_HELD,
        /** What the destination allows is read when it is loaded; until then the rules assume the least. */
        DESTINATION_NOT_LOADED
    }

    @Override
    public String toString() {
        return key + ": " + code + ": " + message;
    }
}
