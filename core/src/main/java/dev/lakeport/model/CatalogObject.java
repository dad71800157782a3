package dev.lakeport.model;

/** Anything a catalog holds; each object knows its key. */
public sealed interface CatalogObject permits Database, Table, Partition, Function {
    ObjectKey key();
}
