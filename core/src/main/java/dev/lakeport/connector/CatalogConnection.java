package dev.lakeport.connector;

/**
 * An open connection to one catalog: one client (and its pool) shared by every reader and writer it hands out.
 * Readers retry their own calls within the configured deadline; writers call once and leave retrying to the executor.
 */
public interface CatalogConnection extends AutoCloseable {

    /** Where requests go, for messages and reports (a URL or a host; never a credential). */
    String endpoint();

    /** The catalog's id within the account, where the system has one (Glue, DLF). */
    default java.util.Optional<String> catalogId() {
        return java.util.Optional.empty();
    }

    /**
     * What the catalog says about itself that changes how objects are mapped to it, read when a snapshot is loaded
     * (MaxCompute: each project's type-system flags, as {@code <project>.<property>}). Empty for most catalogs.
     */
    default java.util.Map<String, String> facts() {
        return java.util.Map.of();
    }

    /**
     * The vendor client behind this connection, for a data plane beside the catalog's (MaxCompute's Tunnel and SQL for
     * the data copy); empty when the connection has no client of that type.
     */
    default <T> java.util.Optional<T> client(Class<T> type) {
        return java.util.Optional.empty();
    }

    CatalogReader reader();

    /** A reader with its own retry policy (tests, or a caller that retries itself). */
    CatalogReader reader(Retries retries);

    /** Throws {@link UnsupportedOperationException} when the connector cannot write ({@link Capability#WRITE}). */
    CatalogWriter writer();

    @Override
    void close();
}
