package dev.lakeport.connector.maxcompute;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes to MaxCompute with SQL tasks, one task per method and no retries (the executor retries). What MaxCompute
 * cannot hold (locations, formats, SerDe, parameters, owners, times, functions) is not written; see
 * {@link MaxComputeStoredForm}. Views are created from their mapped query ({@code CREATE VIEW}, {@code CREATE OR
 * REPLACE VIEW}, {@code DROP VIEW}).
 */
public final class MaxComputeCatalogWriter implements CatalogWriter {
    /**
     * Partitions per statement. A statement may be 2 MB: 500 partition clauses of six keys with 128-byte names and
     * values of a few hundred bytes stay well below it, and a task of that size finishes in seconds. Updates send
     * nothing (a MaxCompute partition holds nothing that changes), so they may be larger.
     */
    static final WriterLimits LIMITS = new WriterLimits(500, 1000, 500);

    private final MaxComputeClient client;
    private final MaxComputeCatalogReader reader;

    MaxComputeCatalogWriter(MaxComputeClient client, MaxComputeCatalogReader reader) {
        this.client = requireNonNull(client, "client is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    @Override
    public WriterLimits limits() {
        return LIMITS;
    }

    // ---- databases ---------------------------------------------------------------------------------------------

    @Override
    public void createDatabase(Database database) {
        requireNonNull(database, "database is null");
        Namespace ns = namespaceOrInvalid(database.name());
        if (ns.schema().isEmpty()) {
            if (reader.projectProperties(ns.project()).isPresent()) {
                throw exists("database (project) " + ns);
            }
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "MaxCompute project " + ns + " does not exist at " + client.endpoint()
                            + ": a project cannot be created through the API; create it in the MaxCompute console, or"
                            + " map the database to an existing project (maxcompute.project / maxcompute.project.mapping)",
                    null);
        }
        schemaProject(ns);
        if (reader.describe(ns).isPresent()) {
            throw exists("schema " + ns);
        }
        String sql = "CREATE SCHEMA " + MaxComputeSql.name(ns.project()) + "."
                + MaxComputeSql.name(ns.schema().get())
                + database.description()
                        .map(d -> " COMMENT " + MaxComputeSql.literal(d))
                        .orElse("") + ";";
        sql("create schema", ns.toString(), sql, true);
    }

    @Override
    public void updateDatabase(Database database) {
        requireNonNull(database, "database is null");
        Namespace ns = namespaceOrInvalid(database.name());
        Database current = reader.describe(ns).orElseThrow(() -> notFound("database " + ns));
        Database wanted = (Database) new MaxComputeStoredForm().apply(database);
        if (wanted.description().isEmpty() || wanted.description().equals(current.description())) {
            return;
        }
        throw new ConnectorException(
                ErrorCode.INVALID_INPUT,
                null,
                "MaxCompute cannot change the comment of " + (ns.schema().isPresent() ? "schema " : "project ") + ns
                        + " at " + client.endpoint() + " through SQL (from '"
                        + current.description().orElse("")
                        + "' to '" + wanted.description().get() + "'); change it in the MaxCompute console",
                null);
    }

    @Override
    public void deleteDatabase(String name) {
        requireNonNull(name, "name is null");
        Optional<Namespace> parsed = Namespace.tryParse(name);
        if (parsed.isEmpty() || reader.describe(parsed.get()).isEmpty()) {
            throw notFound("database " + name);
        }
        Namespace ns = parsed.get();
        if (ns.schema().isEmpty()) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "MaxCompute project " + ns + " at " + client.endpoint()
                            + " is never deleted by Lakeport; delete it in the MaxCompute console if it must go",
                    null);
        }
        long tables;
        try (var stream = reader.tables(ns.toString())) {
            tables = stream.count();
        }
        if (tables > 0) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "MaxCompute schema " + ns + " at " + client.endpoint() + " still holds " + tables
                            + " table(s); only an empty schema is dropped",
                    null);
        }
        sql(
                "drop schema",
                ns.toString(),
                "DROP SCHEMA " + MaxComputeSql.name(ns.project()) + "."
                        + MaxComputeSql.name(ns.schema().get()) + ";",
                true);
    }

    // ---- tables ------------------------------------------------------------------------------------------------

    @Override
    public void createTable(Table table) {
        requireNonNull(table, "table is null");
        Namespace ns = namespaceOrInvalid(table.databaseName());
        String object = ns + "." + table.name();
        if (table.isView()) {
            createView(ns, table);
            return;
        }
        List<Column> columns =
                table.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        if (columns.isEmpty()) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT, null, "MaxCompute table " + object + " has no columns", null);
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ")
                .append(ns.sqlTable(table.name()))
                .append(" (")
                .append(columnList(columns))
                .append(')');
        table.description().filter(d -> !d.isEmpty()).ifPresent(d -> sql.append(" COMMENT ")
                .append(MaxComputeSql.literal(d)));
        if (!table.partitionKeys().isEmpty()) {
            sql.append(" PARTITIONED BY (")
                    .append(columnList(table.partitionKeys()))
                    .append(')');
        }
        int lifecycle = table.retention() > 0
                ? table.retention()
                : client.config().lifecycle().orElse(0);
        if (lifecycle > 0) {
            sql.append(" LIFECYCLE ").append(lifecycle);
        }
        sql.append(';');
        sql("create table", object, sql.toString(), ns.schema().isPresent());
    }

    @Override
    public void updateTable(Table table) {
        requireNonNull(table, "table is null");
        Namespace ns = namespaceOrInvalid(table.databaseName());
        String object = ns + "." + table.name();
        Table current = reader.table(ns, table.name()).orElseThrow(() -> notFound("table " + object));
        if (table.isView() || current.isView()) {
            replaceView(ns, table, current);
            return;
        }
        Table wanted = (Table) new MaxComputeStoredForm().apply(table);
        List<String> statements = new ArrayList<>();
        String target = ns.sqlTable(table.name());

        List<Column> have =
                current.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        List<Column> want =
                wanted.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        for (int i = 0; i < have.size(); i++) {
            Column h = have.get(i);
            if (i >= want.size()) {
                throw refused(object, h.name(), h.type(), "(dropped)");
            }
            Column w = want.get(i);
            if (!w.name().equalsIgnoreCase(h.name())) {
                throw refused(
                        object,
                        h.name(),
                        h.name() + " " + h.type(),
                        w.name() + " " + w.type() + " (renamed or" + " reordered)");
            }
            if (!w.type().equals(h.type())) {
                throw refused(object, h.name(), h.type(), w.type());
            }
            if (!w.comment().orElse("").equals(h.comment().orElse(""))) {
                statements.add(changeComment(target, h.name(), w.comment().orElse("")));
            }
        }
        if (want.size() > have.size()) {
            statements.add("ALTER TABLE " + target + " ADD COLUMNS ("
                    + columnList(want.subList(have.size(), want.size())) + ");");
        }
        List<Column> keysHave = current.partitionKeys();
        List<Column> keysWant = wanted.partitionKeys();
        for (int i = 0; i < Math.max(keysHave.size(), keysWant.size()); i++) {
            Column h = i < keysHave.size() ? keysHave.get(i) : null;
            Column w = i < keysWant.size() ? keysWant.get(i) : null;
            if (h == null
                    || w == null
                    || !h.name().equalsIgnoreCase(w.name())
                    || !h.type().equals(w.type())) {
                throw new ConnectorException(
                        ErrorCode.INVALID_INPUT,
                        null,
                        "MaxCompute table " + object + " at " + client.endpoint()
                                + ": partition keys cannot change, partition key "
                                + (h != null ? h.name() : w.name()) + " from " + describe(h) + " to " + describe(w),
                        null);
            }
            if (!w.comment().orElse("").equals(h.comment().orElse(""))) {
                statements.add(changeComment(target, h.name(), w.comment().orElse("")));
            }
        }
        if (!wanted.description().equals(current.description())) {
            statements.add("ALTER TABLE " + target + " SET COMMENT "
                    + MaxComputeSql.literal(wanted.description().orElse("")) + ";");
        }
        if (wanted.retention() > 0 && wanted.retention() != current.retention()) {
            statements.add("ALTER TABLE " + target + " SET LIFECYCLE " + wanted.retention() + ";");
        }
        if (!statements.isEmpty()) {
            sql(
                    "alter table",
                    object,
                    String.join("\n", statements),
                    ns.schema().isPresent());
        }
    }

    @Override
    public void deleteTable(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        Optional<Namespace> ns = Namespace.tryParse(database);
        if (ns.isEmpty()) {
            throw notFound("table " + database + "." + name);
        }
        boolean view = reader.table(ns.get(), name).map(Table::isView).orElse(false);
        sql(
                view ? "drop view" : "drop table",
                ns.get() + "." + name,
                (view ? "DROP VIEW " : "DROP TABLE ") + ns.get().sqlTable(name) + ";",
                ns.get().schema().isPresent());
    }

    // ---- views -------------------------------------------------------------------------------------------------

    /**
     * {@code CREATE VIEW IF NOT EXISTS} with its column list, comments and mapped query. An existing view or table of
     * that name is "already exists" (so that the executor compares and updates), found before the statement: the
     * statement's IF NOT EXISTS only keeps a concurrent creation from failing. Every table the view reads must exist
     * first: MaxCompute checks the query when the view is created and names a table it cannot find.
     */
    private void createView(Namespace ns, Table view) {
        String object = ns + "." + view.name();
        if (reader.table(ns, view.name()).isPresent()) {
            throw exists("view " + object);
        }
        sql(
                "create view",
                object,
                viewStatement("CREATE VIEW IF NOT EXISTS ", ns, view),
                ns.schema().isPresent());
    }

    /** {@code CREATE OR REPLACE VIEW} when the view differs from the one there; a table of that name is not replaced. */
    private void replaceView(Namespace ns, Table view, Table current) {
        String object = ns + "." + view.name();
        if (!view.isView() || !current.isView()) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "MaxCompute " + (current.isView() ? "view " : "table ") + object + " at " + client.endpoint()
                            + " cannot become a " + (view.isView() ? "view" : "table")
                            + "; drop it (deletions on) or leave it out",
                    null);
        }
        MaxComputeStoredForm stored = new MaxComputeStoredForm();
        if (stored.apply(view).equals(stored.apply(current))) {
            return;
        }
        sql(
                "replace view",
                object,
                viewStatement("CREATE OR REPLACE VIEW ", ns, view),
                ns.schema().isPresent());
    }

    private String viewStatement(String head, Namespace ns, Table view) {
        String object = ns + "." + view.name();
        String query = view.viewExpandedText()
                .or(view::viewOriginalText)
                .map(MaxComputeStoredForm::viewText)
                .filter(q -> !q.isEmpty())
                .orElseThrow(() -> new ConnectorException(
                        ErrorCode.INVALID_INPUT, null, "MaxCompute view " + object + " has no query to create", null));
        List<Column> columns =
                view.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        StringBuilder sql = new StringBuilder(head).append(ns.sqlTable(view.name()));
        if (!columns.isEmpty()) {
            sql.append(" (");
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                sql.append(i > 0 ? ", " : "").append(MaxComputeSql.name(c.name()));
                c.comment().filter(x -> !x.isEmpty()).ifPresent(x -> sql.append(" COMMENT ")
                        .append(MaxComputeSql.literal(x)));
            }
            sql.append(')');
        }
        view.description().filter(d -> !d.isEmpty()).ifPresent(d -> sql.append(" COMMENT ")
                .append(MaxComputeSql.literal(d)));
        return sql.append(" AS ").append(query).append(';').toString();
    }

    // ---- partitions ----------------------------------------------------------------------------------------------

    @Override
    public BatchResult createPartitions(Table table, List<Partition> partitions) {
        requireNonNull(table, "table is null");
        checkBatch(partitions.size(), LIMITS.createPartitions(), "createPartitions");
        if (partitions.isEmpty()) {
            return BatchResult.OK;
        }
        Namespace ns = namespaceOrInvalid(table.databaseName());
        Set<List<String>> existing = existing(table);
        List<BatchResult.Failure> failures = new ArrayList<>();
        List<String> keys = keyNames(table);
        StringBuilder clauses = new StringBuilder();
        Set<List<String>> seen = new HashSet<>();
        for (Partition p : partitions) {
            checkValues(table, p.values());
            if (existing.contains(p.values())) {
                failures.add(new BatchResult.Failure(p.values(), exists("partition " + describe(table, p.values()))));
            } else if (seen.add(p.values())) {
                clauses.append(' ').append(MaxComputeSql.partition(keys, p.values()));
            }
        }
        if (clauses.length() > 0) {
            sql(
                    "add partitions to",
                    ns + "." + table.name(),
                    "ALTER TABLE " + ns.sqlTable(table.name()) + " ADD IF NOT EXISTS" + clauses + ";",
                    ns.schema().isPresent());
        }
        return new BatchResult(failures);
    }

    /** A MaxCompute partition holds only its values: existing ones succeed unchanged, missing ones are not found. */
    @Override
    public BatchResult updatePartitions(Table table, List<Partition> partitions) {
        requireNonNull(table, "table is null");
        checkBatch(partitions.size(), LIMITS.updatePartitions(), "updatePartitions");
        if (partitions.isEmpty()) {
            return BatchResult.OK;
        }
        Set<List<String>> existing = existing(table);
        List<BatchResult.Failure> failures = new ArrayList<>();
        for (Partition p : partitions) {
            if (!existing.contains(p.values())) {
                failures.add(new BatchResult.Failure(p.values(), notFound("partition " + describe(table, p.values()))));
            }
        }
        return new BatchResult(failures);
    }

    @Override
    public BatchResult deletePartitions(Table table, List<List<String>> partitionValues) {
        requireNonNull(table, "table is null");
        checkBatch(partitionValues.size(), LIMITS.deletePartitions(), "deletePartitions");
        if (partitionValues.isEmpty()) {
            return BatchResult.OK;
        }
        Namespace ns = namespaceOrInvalid(table.databaseName());
        Set<List<String>> existing = existing(table);
        List<BatchResult.Failure> failures = new ArrayList<>();
        List<String> keys = keyNames(table);
        List<String> clauses = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (List<String> values : partitionValues) {
            if (!existing.contains(values)) {
                failures.add(new BatchResult.Failure(values, notFound("partition " + describe(table, values))));
            } else if (seen.add(values)) {
                clauses.add(MaxComputeSql.partition(keys, values));
            }
        }
        if (!clauses.isEmpty()) {
            sql(
                    "drop partitions of",
                    ns + "." + table.name(),
                    "ALTER TABLE " + ns.sqlTable(table.name()) + " DROP IF EXISTS " + String.join(", ", clauses) + ";",
                    ns.schema().isPresent());
        }
        return new BatchResult(failures);
    }

    // ---- functions -------------------------------------------------------------------------------------------------

    @Override
    public void createFunction(Function function) {
        throw noFunctions();
    }

    @Override
    public void updateFunction(Function function) {
        throw noFunctions();
    }

    @Override
    public void deleteFunction(String database, String name) {
        throw noFunctions();
    }

    @Override
    public void close() {
        // Nothing held per writer.
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Set<List<String>> existing(Table table) {
        Table current = reader.table(namespaceOrInvalid(table.databaseName()), table.name())
                .orElseThrow(() -> notFound("table " + table.databaseName() + "." + table.name()));
        Set<List<String>> out = new HashSet<>();
        reader.allPartitions(current).forEach(p -> out.add(p.values()));
        return out;
    }

    private void sql(String operation, String object, String sql, boolean schemaNames) {
        client.call(operation, object, () -> {
            client.sql(sql, schemaNames);
            return null;
        });
    }

    private void schemaProject(Namespace ns) {
        var properties = reader.projectProperties(ns.project())
                .orElseThrow(() -> new ConnectorException(
                        ErrorCode.INVALID_INPUT,
                        null,
                        "MaxCompute project " + ns.project() + " does not exist at " + client.endpoint()
                                + ": create it in the MaxCompute console before schema " + ns,
                        null));
        if (!MaxComputeClient.schemaModel(properties)) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "MaxCompute project " + ns.project() + " at " + client.endpoint()
                            + " has no schemas (odps.schema.model.enabled is not true): map the database to the"
                            + " project itself, or enable the three-layer model",
                    null);
        }
    }

    private Namespace namespaceOrInvalid(String database) {
        try {
            return Namespace.parse(database);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(ErrorCode.INVALID_INPUT, null, "MaxCompute database " + e.getMessage(), e);
        }
    }

    private static String columnList(List<Column> columns) {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(MaxComputeSql.name(c.name())).append(' ').append(MaxComputeSql.type(c.type()));
            c.comment().filter(x -> !x.isEmpty()).ifPresent(x -> sb.append(" COMMENT ")
                    .append(MaxComputeSql.literal(x)));
        }
        return sb.toString();
    }

    private static String changeComment(String target, String column, String comment) {
        return "ALTER TABLE " + target + " CHANGE COLUMN " + MaxComputeSql.name(column) + " COMMENT "
                + MaxComputeSql.literal(comment) + ";";
    }

    private ConnectorException refused(String object, String column, String from, String to) {
        return new ConnectorException(
                ErrorCode.INVALID_INPUT,
                null,
                "MaxCompute table " + object + " at " + client.endpoint() + " cannot change column " + column
                        + " from " + from + " to " + to
                        + ": MaxCompute only adds columns and changes comments; recreate the table to change it",
                null);
    }

    private static String describe(Column c) {
        return c == null ? "(none)" : c.name() + " " + c.type();
    }

    private static String describe(Table table, List<String> values) {
        return table.databaseName() + "." + table.name() + " " + values;
    }

    private static List<String> keyNames(Table table) {
        return table.partitionKeys().stream().map(Column::name).toList();
    }

    private static void checkValues(Table table, List<String> values) {
        if (values.size() != table.partitionKeys().size() || values.stream().anyMatch(Objects::isNull)) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "partition " + values + " of " + table.databaseName() + "." + table.name() + " does not give one"
                            + " value per partition key " + keyNames(table),
                    null);
        }
    }

    private static void checkBatch(int size, int limit, String call) {
        if (size > limit) {
            throw new IllegalArgumentException(call + " takes at most " + limit + " partitions, got " + size);
        }
    }

    private ConnectorException exists(String what) {
        return new ConnectorException(
                ErrorCode.ALREADY_EXISTS, null, "MaxCompute " + what + " already exists at " + client.endpoint(), null);
    }

    private ConnectorException notFound(String what) {
        return new ConnectorException(
                ErrorCode.NOT_FOUND, "NoSuchObject", "MaxCompute " + what + " not found at " + client.endpoint(), null);
    }

    private static ConnectorException noFunctions() {
        return new ConnectorException(
                ErrorCode.INVALID_INPUT, null, "MaxCompute holds no Hive functions; functions are not written", null);
    }
}
