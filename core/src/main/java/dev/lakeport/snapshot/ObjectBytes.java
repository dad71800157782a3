package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.List;

/**
 * The snapshot's compact binary form of catalog objects, for code that moves objects between processes (the Spark job
 * sends them through its shuffle and to its executors). A partition is encoded against its table, and then costs
 * little more than its location suffix and parameters.
 */
public final class ObjectBytes {
    private ObjectBytes() {}

    public static byte[] encode(CatalogObject object) {
        return ObjectCodec.encode(requireNonNull(object, "object is null"));
    }

    public static CatalogObject decode(byte[] body) {
        return ObjectCodec.decode(requireNonNull(body, "body is null"));
    }

    /** A partition without its values (the caller keeps them), encoded against {@code table}. */
    public static byte[] encodePartition(Partition partition, Table table) {
        return ObjectCodec.encodePartition(
                requireNonNull(partition, "partition is null"), ObjectCodec.Template.of(table));
    }

    /** The partition {@link #encodePartition} encoded, given the same table and the partition's values. */
    public static Partition decodePartition(byte[] body, Table table, List<String> values) {
        return ObjectCodec.decodePartition(
                requireNonNull(body, "body is null"), ObjectCodec.Template.of(table), values);
    }
}
