package dev.lakeport.connector;

/**
 * The family of column types a catalog holds, which decides the rules a route maps columns with: between catalogs of
 * one family types travel as they are; into another family each type is translated, or refused with the reason.
 */
public enum TypeSystem {
    /** Hive's types as a metastore writes them: Glue, DLF, the Hive Metastore. */
    HIVE,
    /** MaxCompute's types, whose set depends on the project's type-system flags. */
    MAXCOMPUTE
}
