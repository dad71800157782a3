package dev.lakeport.connector;

import dev.lakeport.model.CatalogObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A kind of catalog Lakeport can read or write, found by its {@link #kind()} in the {@link ConnectorRegistry}.
 * Everything outside the connector's own package knows it only through this description: its settings, what it can
 * do, how to check its settings and how to open a connection. Adding a system is one package with one of these, one
 * line in {@code META-INF/services/dev.lakeport.connector.CatalogConnector}, and one contract-test subclass.
 */
public interface CatalogConnector {

    /** The name users write in {@code lakeport.source.type} / {@code lakeport.destination.type}, e.g. {@code glue}. */
    String kind();

    /** The system's name for people, e.g. "AWS Glue Data Catalog". */
    String displayName();

    /** A short name for diff words and column headers, e.g. "Glue". */
    String shortName();

    Set<Capability> capabilities();

    /** The family of column types the catalog holds; {@link TypeSystem#HIVE} unless the connector says otherwise. */
    default TypeSystem typeSystem() {
        return TypeSystem.HIVE;
    }

    /** Every setting the connector reads, in the order a form shows them. */
    List<SettingSpec> settings();

    /**
     * Checks settings without connecting: every error and warning, each naming its key. Settings with no error open.
     */
    List<SettingProblem> check(ConnectorSettings settings);

    /**
     * Opens a connection. Settings must have passed {@link #check} without errors.
     *
     * @throws IllegalArgumentException when they have not
     */
    CatalogConnection open(ConnectorSettings settings, CallSettings calls);

    /** One line naming the catalog the settings reach, for pages and reports, e.g. "Glue eu-central-1". */
    String describe(ConnectorSettings settings);

    /**
     * The largest partition batches a writer with these settings sends, known without connecting (for the assessment's
     * estimate and the plan). A catalog that cannot be written has none to give; it is never asked.
     */
    default WriterLimits writerLimits(ConnectorSettings settings) {
        throw new UnsupportedOperationException(displayName() + " is not written to");
    }

    /**
     * How this catalog keeps what it is given, where it changes it on the way in (a location's trailing slash, a field
     * it moves or derives): a route applies it after its own rules, so that a write compares equal to what is read back.
     * Empty when the catalog keeps objects as written.
     */
    default Optional<UnaryOperator<CatalogObject>> storedForm() {
        return Optional.empty();
    }

    default boolean can(Capability capability) {
        return capabilities().contains(capability);
    }

    /** The description of {@code key}, matched regardless of case. */
    default Optional<SettingSpec> setting(String key) {
        return settings().stream().filter(s -> s.key().equalsIgnoreCase(key)).findFirst();
    }

    /**
     * Checks that the catalog answers with these settings: the number of databases, or a {@link ConnectorException}
     * that says what is wrong (unreachable, refused credentials, missing permission).
     */
    default int probe(ConnectorSettings settings, CallSettings calls) {
        try (CatalogConnection connection = open(settings, calls);
                CatalogReader reader = connection.reader(Retries.none())) {
            return reader.databaseCount();
        }
    }
}
