package dev.lakeport.connector.maxcompute;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Schema;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.Retries;
import dev.lakeport.filter.FilterBindException;
import dev.lakeport.filter.FilterSyntaxException;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads MaxCompute through the SDK's REST calls. Databases are the configured projects (the default one and every
 * mapping target's), a project with the three-layer model expanded into its schemas. Every call is retried with the
 * connection's policy; listings are read whole, then converted lazily (a table's description is one call each).
 * MaxCompute holds no functions here: their listings are empty.
 */
public final class MaxComputeCatalogReader implements CatalogReader {
    private final MaxComputeClient client;
    private final Retries retries;

    MaxComputeCatalogReader(MaxComputeClient client, Retries retries) {
        this.client = requireNonNull(client, "client is null");
        this.retries = requireNonNull(retries, "retries is null");
    }

    @Override
    public Stream<Database> databases() {
        List<Database> out = new ArrayList<>();
        for (String project : client.config().projects()) {
            Optional<Map<String, String>> properties = projectProperties(project);
            if (properties.isEmpty()) {
                continue;
            }
            if (MaxComputeClient.schemaModel(properties.get())) {
                out.addAll(retries.call(() -> client.call("list schemas of", project, () -> {
                    List<Database> schemas = new ArrayList<>();
                    for (Schema s : client.odps().schemas().iterable(project)) {
                        String name = s.getName().toLowerCase(java.util.Locale.ROOT);
                        // Every three-layer project has a 'default' schema nobody made: left out while it is empty,
                        // as a metastore's empty 'default' database is, so that it is never offered for deletion.
                        if (name.equals(DEFAULT_SCHEMA) && isEmpty(project, name)) {
                            continue;
                        }
                        schemas.add(MaxComputeModelConverter.database(Namespace.of(project, name), s.getComment()));
                    }
                    return schemas;
                })));
            } else {
                out.add(MaxComputeModelConverter.database(
                        Namespace.of(project), properties.get().get(MaxComputeClient.COMMENT_KEY)));
            }
        }
        return out.stream();
    }

    static final String DEFAULT_SCHEMA = "default";

    private boolean isEmpty(String project, String schema) {
        return !client.odps().tables().iterator(project, schema, null, false).hasNext();
    }

    @Override
    public Optional<Database> database(String name) {
        requireNonNull(name, "name is null");
        Optional<Namespace> ns = Namespace.tryParse(name);
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        return describe(ns.get());
    }

    /** The namespace as a database, or empty when its project or schema does not exist. */
    Optional<Database> describe(Namespace ns) {
        Optional<Map<String, String>> properties = projectProperties(ns.project());
        if (properties.isEmpty()) {
            return Optional.empty();
        }
        boolean schemas = MaxComputeClient.schemaModel(properties.get());
        if (ns.schema().isEmpty()) {
            return schemas
                    ? Optional.empty()
                    : Optional.of(MaxComputeModelConverter.database(
                            ns, properties.get().get(MaxComputeClient.COMMENT_KEY)));
        }
        if (!schemas) {
            return Optional.empty();
        }
        return retries.call(() -> client.call("read schema", ns.toString(), () -> {
            if (!client.odps().schemas().exists(ns.project(), ns.schema().get())) {
                return Optional.<Database>empty();
            }
            Schema s = client.odps().schemas().get(ns.project(), ns.schema().get());
            String comment;
            try {
                s.reload();
                comment = s.getComment();
            } catch (NoSuchObjectException e) {
                return Optional.<Database>empty();
            }
            return Optional.of(MaxComputeModelConverter.database(ns, comment));
        }));
    }

    Optional<Map<String, String>> projectProperties(String project) {
        return retries.call(() -> client.call("read project", project, () -> client.project(project)));
    }

    @Override
    public Stream<Table> tables(String database) {
        requireNonNull(database, "database is null");
        Namespace ns = existing(database);
        List<String> names = retries.call(() -> client.call("list tables of", ns.toString(), () -> {
            List<String> list = new ArrayList<>();
            Iterator<com.aliyun.odps.Table> it =
                    client.odps().tables().iterator(ns.project(), ns.sdkSchema(), null, false);
            while (it.hasNext()) {
                list.add(it.next().getName());
            }
            return list;
        }));
        return names.stream().map(n -> table(ns, n)).flatMap(Optional::stream);
    }

    @Override
    public Optional<Table> table(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        Optional<Namespace> ns = Namespace.tryParse(database);
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        return table(ns.get(), name);
    }

    Optional<Table> table(Namespace ns, String name) {
        return retries.call(() -> client.call("read table", ns + "." + name, () -> {
            com.aliyun.odps.Table t = client.odps().tables().get(ns.project(), ns.sdkSchema(), name);
            try {
                t.reload();
            } catch (NoSuchObjectException e) {
                return Optional.<Table>empty();
            }
            return Optional.of(MaxComputeModelConverter.table(ns, t));
        }));
    }

    @Override
    public Stream<Partition> partitions(Table table, Optional<String> expression) {
        requireNonNull(table, "table is null");
        requireNonNull(expression, "expression is null");
        List<Partition> all = allPartitions(table);
        if (expression.isEmpty() || expression.get().isBlank()) {
            return all.stream();
        }
        Predicate<List<String>> test = filter(table, expression.get());
        return all.stream().filter(p -> test.test(p.values()));
    }

    @Override
    public List<Partition> partitions(Table table, List<List<String>> values) {
        requireNonNull(table, "table is null");
        requireNonNull(values, "values is null");
        if (values.isEmpty()) {
            return List.of();
        }
        Set<List<String>> wanted = new HashSet<>(values);
        return allPartitions(table).stream()
                .filter(p -> wanted.contains(p.values()))
                .toList();
    }

    /** Every partition of the table, read with the SDK's paged listing (one call per page of 1,000). */
    List<Partition> allPartitions(Table table) {
        Namespace ns = namespace(table.databaseName());
        if (table.partitionKeys().isEmpty()) {
            return List.of();
        }
        return retries.call(() -> client.call("list partitions of", ns + "." + table.name(), () -> {
            com.aliyun.odps.Table t = client.odps().tables().get(ns.project(), ns.sdkSchema(), table.name());
            List<Partition> out = new ArrayList<>();
            Iterator<com.aliyun.odps.Partition> it = t.getPartitionIterator();
            while (it.hasNext()) {
                PartitionSpec spec = it.next().getPartitionSpec();
                out.add(MaxComputeModelConverter.partition(ns, table, spec));
            }
            return out;
        }));
    }

    @Override
    public Stream<Function> functions(String database) {
        existing(database);
        return Stream.empty();
    }

    @Override
    public Optional<Function> function(String database, String name) {
        return Optional.empty();
    }

    @Override
    public void close() {
        // Nothing held per reader.
    }

    /** The namespace of an existing database. */
    Namespace existing(String database) {
        Namespace ns = namespace(database);
        if (describe(ns).isEmpty()) {
            throw new ConnectorException(
                    ErrorCode.NOT_FOUND,
                    "NoSuchObject",
                    "MaxCompute database " + database + " at " + client.endpoint() + " does not exist"
                            + (ns.schema().isPresent()
                                    ? " (no such project, schema, or the project has no schemas)"
                                    : " (no such project, or the project uses schemas: name one as project.schema)"),
                    null);
        }
        return ns;
    }

    Namespace namespace(String database) {
        try {
            return Namespace.parse(database);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                    ErrorCode.NOT_FOUND, null, "MaxCompute database " + e.getMessage() + ": no such namespace", e);
        }
    }

    private static Predicate<List<String>> filter(Table table, String expression) {
        try {
            return PartitionFilter.parse(expression).bind(table.partitionKeys());
        } catch (FilterSyntaxException | FilterBindException e) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "partition filter for " + table.databaseName() + "." + table.name() + " '" + expression + "': "
                            + e.getMessage(),
                    e);
        }
    }
}
