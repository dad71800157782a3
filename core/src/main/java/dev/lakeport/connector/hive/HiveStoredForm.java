package dev.lakeport.connector.hive;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An object as a Hive Metastore keeps it once written, so that what a route compares is what the metastore will hold:
 * locations as Hadoop paths (no trailing {@code /} except at a bucket's root), a table's description as its
 * {@code comment} parameter (and read back from it), and an external table marked {@code EXTERNAL=TRUE}, without which
 * the metastore stores it as a managed table.
 */
final class HiveStoredForm implements UnaryOperator<CatalogObject> {
    static final String EXTERNAL = "EXTERNAL";
    static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";

    @Override
    public CatalogObject apply(CatalogObject object) {
        if (object instanceof Database d) {
            return d.locationUri().isPresent()
                    ? d.withLocationUri(path(d.locationUri().get()))
                    : d;
        }
        if (object instanceof Table t) {
            return table(t);
        }
        if (object instanceof Partition p) {
            return p.storageDescriptor().isPresent()
                    ? p.withStorageDescriptor(sd(p.storageDescriptor().get()))
                    : p;
        }
        return object;
    }

    private static Table table(Table t) {
        Map<String, String> parameters = new HashMap<>(t.parameters());
        t.description().ifPresent(d -> parameters.putIfAbsent(HiveModelConverter.COMMENT, d));
        if (t.tableType().filter(EXTERNAL_TABLE::equals).isPresent()) {
            parameters.putIfAbsent(EXTERNAL, "TRUE");
        }
        Table.Builder b = t.toBuilder().parameters(parameters).description(parameters.get(HiveModelConverter.COMMENT));
        t.storageDescriptor().ifPresent(sd -> b.storageDescriptor(sd(sd)));
        return b.build();
    }

    private static StorageDescriptor sd(StorageDescriptor sd) {
        Optional<String> location = sd.location();
        return location.isPresent()
                ? sd.toBuilder().location(path(location.get())).build()
                : sd;
    }

    /** {@code s3://b/x/} as Hadoop's {@code Path} writes it: {@code s3://b/x}; {@code s3://b/} stays. */
    static String path(String location) {
        String s = location;
        while (s.endsWith("/") && !isRoot(s)) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static boolean isRoot(String s) {
        int scheme = s.indexOf("://");
        if (scheme < 0) {
            return s.equals("/");
        }
        int slash = s.indexOf('/', scheme + 3);
        return slash < 0 || slash == s.length() - 1;
    }
}
