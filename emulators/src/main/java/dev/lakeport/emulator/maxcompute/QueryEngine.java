package dev.lakeport.emulator.maxcompute;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The emulator's SELECT statements, run by an embedded H2 database: one H2 table per MaxCompute table (in an H2
 * schema per project, {@code "p"}, and per schema of a project, {@code "p.s"}), its data columns followed by its
 * partition keys, filled as Tunnel commits land ({@link TableData} hands every change over under its lock). A
 * statement is translated, not interpreted: table names become H2's {@code "project"."table"} (or
 * {@code "project.schema"."table"}), MaxCompute's backquoted names and double-quoted strings become H2's quoting, and
 * column names are quoted so that names H2 reserves ({@code key}, {@code value}, {@code year}) still work. The result
 * is the CSV {@code SQLTask.getResult} parses: a header of column names ({@code _c<i>} for an expression without an
 * alias, as MaxCompute names them), then one line per row, NULL as {@code \N}.
 *
 * <p>Refused as MaxCompute refuses them: a table that does not exist, and more than 256 conditions chained by
 * {@code OR}. Complex values (ARRAY, MAP, STRUCT) are held as text and only counted; INTERVAL types likewise.
 */
final class QueryEngine implements TableData.Mirror {
    /** MaxCompute's limit on the conditions of one statement ("MaxCompute SQL limits": 256 WHERE conditions). */
    static final int MAX_OR_CONDITIONS = 256;
    /** The schema syntax switch ("Schema operations"). */
    static final String NAMESPACE_SCHEMA = "odps.namespace.schema";
    /** The schema bare table names are in; the SDK sends the client's current schema here. */
    static final String DEFAULT_SCHEMA = "odps.default.schema";
    /** How deep views may read views before the engine suspects a cycle. */
    static final int MAX_VIEW_DEPTH = 32;

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> CLAUSE_ENDS = Set.of(
            "where", "group", "order", "limit", "having", "join", "left", "right", "inner", "outer", "full", "cross",
            "on", "union", "as", ")", ";", ",");

    private final MaxComputeStore store;
    private final TableData data;
    private final Connection connection;

    QueryEngine(MaxComputeStore store, TableData data) {
        this.store = store;
        this.data = data;
        try {
            connection = DriverManager.getConnection(
                    "jdbc:h2:mem:maxcompute-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the emulator's embedded SQL engine: " + e.getMessage(), e);
        }
        data.mirror(this);
    }

    /** Whether a SQL task's text is a query this engine runs (a single SELECT), not DDL. */
    static boolean isQuery(String sql) {
        for (Token t : withoutSettings(tokens(sql))) {
            if (t.kind == Kind.SYMBOL && t.text.equals("(")) {
                continue;
            }
            return t.kind == Kind.WORD && (t.text.equalsIgnoreCase("select") || t.text.equalsIgnoreCase("with"));
        }
        return false;
    }

    /** Frees the database: it lives as long as its one connection. */
    void close() {
        synchronized (data.lock()) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Nothing more to free.
            }
        }
    }

    /** Runs the SELECT and answers its CSV, or fails with an {@code ODPS-} message. */
    String run(String project, String sql) {
        return run(project, sql, Map.of());
    }

    /**
     * Runs the SELECT with the task's settings (the SDK's hints, then any leading {@code SET key=value;}) and answers
     * its CSV, or fails with an {@code ODPS-} message. Table names are read as MaxCompute reads them ("Schema
     * operations", the schema syntax switch): with {@code odps.namespace.schema=true}, {@code a.b.c} is
     * project.schema.table and {@code a.b} is schema.table of the task's project; without it {@code a.b} is
     * project.table and {@code a.b.c} is not recognised. A bare name is a table of the task's project, in its
     * {@code odps.default.schema} (the SDK sends the client's current schema there) or else its {@code default}.
     */
    String run(String project, String sql, Map<String, String> taskSettings) {
        List<Token> all = tokens(sql);
        Map<String, String> settings = new HashMap<>(taskSettings);
        settings.putAll(settings(all));
        boolean schemaSyntax = "true".equalsIgnoreCase(settings.get(NAMESPACE_SCHEMA));
        String defaultSchema = store.schemas(project).isEmpty() ? null : settings.get(DEFAULT_SCHEMA);
        List<Token> tokens = withoutSettings(all);
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).text.equals(";")) {
            tokens.remove(tokens.size() - 1);
        }
        for (Token t : tokens) {
            if (t.kind == Kind.SYMBOL && t.text.equals(";")) {
                throw semantic("the emulator runs one SELECT statement per task, got several");
            }
        }
        long ors = tokens.stream()
                .filter(t -> t.kind == Kind.WORD && t.text.equalsIgnoreCase("or"))
                .count();
        if (ors + 1 > MAX_OR_CONDITIONS) {
            // ODPS-0130071 is the code of the service's semantic-analysis errors (MAXCOMPUTE-WIRE.md); the wording of
            // this limit is the emulator's own.
            throw semantic("the statement chains " + (ors + 1) + " conditions with OR, more than the "
                    + MAX_OR_CONDITIONS + " MaxCompute allows");
        }
        synchronized (data.lock()) {
            return execute(translate(project, tokens, schemaSyntax, defaultSchema, 0));
        }
    }

    /**
     * Checks a view's query as the service does when the view is created (every table it reads exists, the query
     * compiles) and defines it in the SQL engine, so that queries can read it; answers the columns the query gives
     * (names from the query, {@code _c<i>} for an unnamed expression; types from the engine). A view in a schema
     * ({@code p.s}) reads its names with the schema syntax, as the writer that created it sent them.
     */
    List<MaxComputeStore.Column> defineView(String namespace, String view, String query, List<String> names) {
        synchronized (data.lock()) {
            return define(namespace, view, query, names, 0);
        }
    }

    /** Forgets a dropped view's definition in the SQL engine. */
    void dropView(String namespace, String view) {
        synchronized (data.lock()) {
            update("DROP VIEW IF EXISTS " + name(namespace, view));
        }
    }

    /**
     * Defines the view in the engine under the names of its column list ({@code names}, when it has one and it gives
     * as many columns as the query), else under the query's own; answers the query's columns.
     */
    private List<MaxComputeStore.Column> define(
            String namespace, String view, String query, List<String> names, int depth) {
        if (depth > MAX_VIEW_DEPTH) {
            throw semantic("view " + namespace + "." + view + " reads views more than " + MAX_VIEW_DEPTH
                    + " deep (do views read each other in a cycle?)");
        }
        int dot = namespace.indexOf('.');
        String project = dot < 0 ? namespace : namespace.substring(0, dot);
        String schema = dot < 0 ? null : namespace.substring(dot + 1);
        List<Token> tokens = withoutSettings(tokens(query));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).text.equals(";")) {
            tokens.remove(tokens.size() - 1);
        }
        String h2 = translate(project, tokens, schema != null, schema, depth + 1);
        update("CREATE SCHEMA IF NOT EXISTS " + quote(MaxComputeStore.namespace(namespace)));
        createView(namespace, view, h2, List.of());
        List<MaxComputeStore.Column> columns = columns(namespace, view);
        if (!names.isEmpty() && names.size() == columns.size()) {
            createView(namespace, view, h2, names);
        }
        return columns;
    }

    private void createView(String namespace, String view, String h2, List<String> names) {
        String list = names.isEmpty()
                ? ""
                : " ("
                        + String.join(
                                ", ", names.stream().map(QueryEngine::quote).toList()) + ")";
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW " + name(namespace, view) + list + " AS " + h2);
        } catch (SQLException e) {
            throw semantic(
                    e.getMessage() == null
                            ? e.toString()
                            : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private List<MaxComputeStore.Column> columns(String namespace, String view) {
        List<MaxComputeStore.Column> columns = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + name(namespace, view) + " WHERE 1=0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                columns.add(MaxComputeStore.Column.of(
                        PLAIN_NAME.matcher(label).matches() ? label : "_c" + (i - 1),
                        odpsType(meta.getColumnType(i), meta.getPrecision(i), meta.getScale(i))));
            }
        } catch (SQLException e) {
            throw semantic(
                    e.getMessage() == null
                            ? e.toString()
                            : e.getMessage().lines().findFirst().orElse(""));
        }
        return columns;
    }

    /** The type MaxCompute would give a view's column the engine typed so. */
    private static String odpsType(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.BIGINT -> "bigint";
            case Types.INTEGER -> "int";
            case Types.SMALLINT -> "smallint";
            case Types.TINYINT -> "tinyint";
            case Types.BOOLEAN -> "boolean";
            case Types.DOUBLE, Types.FLOAT -> "double";
            case Types.REAL -> "float";
            case Types.DECIMAL, Types.NUMERIC -> "decimal(" + Math.min(38, Math.max(1, precision)) + ","
                    + Math.min(18, Math.max(0, scale)) + ")";
            case Types.DATE -> "date";
            case Types.TIMESTAMP -> "timestamp";
            case Types.BINARY, Types.VARBINARY -> "binary";
            default -> "string";
        };
    }

    /**
     * The statement in H2's words: every table it reads resolved (or the service's "Table not found"), a view read
     * through its definition in the engine (defined again from its text, so a view always reads its tables as they
     * are now).
     */
    private String translate(
            String project, List<Token> tokens, boolean schemaSyntax, String defaultSchema, int depth) {
        Set<String> columns = new HashSet<>();
        StringBuilder h2 = new StringBuilder();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            out.add(t);
            if (t.kind == Kind.WORD && (t.text.equalsIgnoreCase("from") || t.text.equalsIgnoreCase("join"))) {
                int j = i + 1;
                if (j < tokens.size() && tokens.get(j).text.equals("(")) {
                    continue; // a subquery
                }
                List<String> parts = new ArrayList<>();
                while (j < tokens.size()) {
                    Token part = tokens.get(j);
                    if (part.kind != Kind.WORD && part.kind != Kind.QUOTED_NAME
                            || CLAUSE_ENDS.contains(part.text.toLowerCase(Locale.ROOT))) {
                        break;
                    }
                    parts.add(part.text);
                    j++;
                    if (j < tokens.size() && tokens.get(j).text.equals(".")) {
                        j++;
                    } else {
                        break;
                    }
                }
                if (parts.isEmpty() || parts.size() > 3) {
                    throw semantic("cannot read the table name after " + t.text.toUpperCase(Locale.ROOT));
                }
                String p = namespace(project, parts, schemaSyntax, defaultSchema, t.line);
                String name = parts.get(parts.size() - 1);
                if (!exists(p, name)) {
                    throw new MaxComputeException(
                            404,
                            "NoSuchObject",
                            "ODPS-0130131:[" + t.line + ",1] Table not found - table " + p + "." + name
                                    + " cannot be resolved");
                }
                MaxComputeStore.Table found = store.table(p, name).orElseThrow();
                if (found.isView()) {
                    List<String> names = found.columns().stream()
                            .map(MaxComputeStore.Column::name)
                            .toList();
                    define(p, found.name(), found.viewText(), names, depth);
                    columns.addAll(names);
                } else {
                    MaxComputeStore.Table table = data.sync(p, name);
                    table.columns().forEach(c -> columns.add(c.name()));
                    table.partitionKeys().forEach(c -> columns.add(c.name()));
                }
                out.add(new Token(Kind.H2, name(p, found.name()), t.line));
                i = j - 1;
            }
        }
        for (int i = 0; i < out.size(); i++) {
            Token t = out.get(i);
            boolean call = i + 1 < out.size() && out.get(i + 1).text.equals("(");
            switch (t.kind) {
                case WORD -> h2.append(
                        !call && columns.contains(t.text.toLowerCase(Locale.ROOT))
                                ? quote(t.text.toLowerCase(Locale.ROOT))
                                : t.text);
                case QUOTED_NAME -> h2.append(quote(t.text.toLowerCase(Locale.ROOT)));
                case STRING -> h2.append('\'').append(t.text.replace("'", "''")).append('\'');
                default -> h2.append(t.text);
            }
            h2.append(' ');
        }
        return h2.toString();
    }

    /** The namespace ({@code p} or {@code p.s}) a table name of one, two or three parts is in. */
    private static String namespace(
            String project, List<String> parts, boolean schemaSyntax, String defaultSchema, int line) {
        return switch (parts.size()) {
            case 1 -> MaxComputeStore.namespace(project, defaultSchema);
            case 2 -> schemaSyntax
                    ? MaxComputeStore.namespace(project, parts.get(0))
                    : MaxComputeStore.namespace(parts.get(0));
            default -> {
                if (!schemaSyntax) {
                    throw new MaxComputeException(
                            400,
                            "ParseError",
                            "ODPS-0130161:[" + line + ",1] Parse exception - " + String.join(".", parts)
                                    + " names a table in a schema, which needs the schema syntax: set "
                                    + NAMESPACE_SCHEMA + "=true");
                }
                yield MaxComputeStore.namespace(parts.get(0), parts.get(1));
            }
        };
    }

    /** Whether the table exists; a project or schema that does not exist holds no tables. */
    private boolean exists(String namespace, String table) {
        if (!store.hasProject(namespace)) {
            return false;
        }
        try {
            return store.table(namespace, table).isPresent();
        } catch (MaxComputeException e) {
            return false;
        }
    }

    /** The settings of leading {@code SET key=value;} statements. */
    private static Map<String, String> settings(List<Token> tokens) {
        Map<String, String> settings = new HashMap<>();
        int from = 0;
        while (from < tokens.size()
                && tokens.get(from).kind == Kind.WORD
                && tokens.get(from).text.equalsIgnoreCase("set")) {
            StringBuilder key = new StringBuilder();
            StringBuilder value = new StringBuilder();
            boolean inValue = false;
            int end = from + 1;
            for (; end < tokens.size() && !tokens.get(end).text.equals(";"); end++) {
                Token t = tokens.get(end);
                if (!inValue && t.kind == Kind.SYMBOL && t.text.equals("=")) {
                    inValue = true;
                } else {
                    (inValue ? value : key).append(t.text);
                }
            }
            if (inValue) {
                settings.put(key.toString().trim(), value.toString().trim());
            }
            from = end + 1;
        }
        return settings;
    }

    private String execute(String h2) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(h2)) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            StringBuilder csv = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                csv.append(i > 1 ? "," : "")
                        .append('"')
                        .append(PLAIN_NAME.matcher(label).matches() ? label : "_c" + (i - 1))
                        .append('"');
            }
            csv.append('\n');
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    csv.append(i > 1 ? "," : "").append(cell(rs.getObject(i)));
                }
                csv.append('\n');
            }
            return csv.toString();
        } catch (SQLException e) {
            String message = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
            throw semantic(message);
        }
    }

    /**
     * The tokens after any leading {@code SET key=value;} statements, which only tune the service (the emulator has
     * nothing to tune).
     */
    private static List<Token> withoutSettings(List<Token> tokens) {
        int from = 0;
        while (from < tokens.size()
                && tokens.get(from).kind == Kind.WORD
                && tokens.get(from).text.equalsIgnoreCase("set")) {
            int end = from;
            while (end < tokens.size() && !tokens.get(end).text.equals(";")) {
                end++;
            }
            from = end + 1;
        }
        return new ArrayList<>(tokens.subList(Math.min(from, tokens.size()), tokens.size()));
    }

    private static String cell(Object v) {
        if (v == null) {
            return "\\N";
        }
        String text;
        if (v instanceof BigDecimal d) {
            text = d.toPlainString();
        } else if (v instanceof byte[] b) {
            text = new String(b, StandardCharsets.UTF_8);
        } else if (v instanceof Timestamp ts) {
            text = ts.toLocalDateTime().toString().replace('T', ' ');
        } else if (v instanceof LocalDateTime ldt) {
            text = ldt.toString().replace('T', ' ');
        } else {
            text = v.toString();
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static MaxComputeException semantic(String what) {
        return new MaxComputeException(
                400, "SemanticAnalysisError", "ODPS-0130071:[1,1] Semantic analysis exception - " + what);
    }

    // --- the mirror: every change TableData makes, under its lock -------------------------------------------------

    @Override
    public void replace(String project, MaxComputeStore.Table table, Map<String, String> spec, List<Object[]> rows) {
        ensure(project, table);
        if (spec == null) {
            update("DELETE FROM " + name(project, table.name()));
        } else {
            deletePartition(project, table, spec);
        }
        insert(project, table, spec, rows);
    }

    @Override
    public void append(String project, MaxComputeStore.Table table, Map<String, String> spec, List<Object[]> rows) {
        ensure(project, table);
        insert(project, table, spec, rows);
    }

    @Override
    public void drop(String project, String table) {
        update("DROP TABLE IF EXISTS " + name(project, table));
    }

    @Override
    public void dropPartition(String project, MaxComputeStore.Table table, Map<String, String> spec) {
        deletePartition(project, table, spec);
    }

    private void deletePartition(String project, MaxComputeStore.Table table, Map<String, String> spec) {
        StringBuilder sql = new StringBuilder("DELETE FROM " + name(project, table.name()) + " WHERE ");
        List<Object> values = new ArrayList<>();
        int k = 0;
        for (MaxComputeStore.Column key : table.partitionKeys()) {
            sql.append(k++ > 0 ? " AND " : "").append(quote(key.name())).append(" = ?");
            values.add(partitionValue(key, spec.get(key.name())));
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove the rows of " + spec + " from the SQL engine", e);
        }
    }

    private void ensure(String project, MaxComputeStore.Table table) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + name(project, table.name()) + " (");
        int k = 0;
        for (MaxComputeStore.Column c : table.columns()) {
            ddl.append(k++ > 0 ? ", " : "").append(quote(c.name())).append(' ').append(h2Type(c.type()));
        }
        for (MaxComputeStore.Column c : table.partitionKeys()) {
            ddl.append(k++ > 0 ? ", " : "").append(quote(c.name())).append(' ').append(h2Type(c.type()));
        }
        ddl.append(')');
        update("CREATE SCHEMA IF NOT EXISTS " + quote(MaxComputeStore.namespace(project)));
        update(ddl.toString());
    }

    private void insert(String project, MaxComputeStore.Table table, Map<String, String> spec, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = table.columns().size();
        int width = columns + table.partitionKeys().size();
        List<OdpsType> types =
                table.columns().stream().map(c -> OdpsType.parse(c.type())).toList();
        Object[] keys = new Object[table.partitionKeys().size()];
        for (int i = 0; i < keys.length; i++) {
            MaxComputeStore.Column key = table.partitionKeys().get(i);
            keys[i] = partitionValue(key, spec.get(key.name()));
        }
        // Many rows per INSERT: H2 spends most of a one-row INSERT on the statement, not on the row.
        int perStatement = Math.max(1, Math.min(1000, 30_000 / width));
        String rowMarks = "(" + "?, ".repeat(width - 1) + "?)";
        String prefix = "INSERT INTO " + name(project, table.name()) + " VALUES ";
        try {
            // One transaction for the whole commit.
            connection.setAutoCommit(false);
            PreparedStatement full = null;
            try {
                for (int from = 0; from < rows.size(); from += perStatement) {
                    int n = Math.min(perStatement, rows.size() - from);
                    PreparedStatement ps;
                    if (n == perStatement) {
                        if (full == null) {
                            full = connection.prepareStatement(prefix + (rowMarks + ", ").repeat(n - 1) + rowMarks);
                        }
                        ps = full;
                    } else {
                        ps = connection.prepareStatement(prefix + (rowMarks + ", ").repeat(n - 1) + rowMarks);
                    }
                    int p = 1;
                    for (Object[] row : rows.subList(from, from + n)) {
                        for (int i = 0; i < columns; i++) {
                            ps.setObject(p++, i < row.length ? h2Value(row[i], types.get(i)) : null);
                        }
                        for (Object key : keys) {
                            ps.setObject(p++, key);
                        }
                    }
                    ps.executeUpdate();
                    if (ps != full) {
                        ps.close();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                if (full != null) {
                    full.close();
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add rows of " + table.name() + " to the SQL engine", e);
        }
    }

    private void update(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the SQL engine refused " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Object partitionValue(MaxComputeStore.Column key, String value) {
        String type = OdpsType.parse(key.type()).name();
        if (value != null && Set.of("bigint", "int", "smallint", "tinyint").contains(type)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return value;
    }

    private static String h2Type(String odpsType) {
        OdpsType t = OdpsType.parse(odpsType);
        return switch (t.name()) {
            case "bigint", "int", "smallint", "tinyint" -> "BIGINT";
            case "boolean" -> "BOOLEAN";
            case "double" -> "DOUBLE PRECISION";
            case "float" -> "REAL";
            case "binary" -> "VARBINARY";
            case "decimal" -> t.precision() > 0
                    ? "DECIMAL(" + t.precision() + "," + Math.max(0, t.scale()) + ")"
                    : "DECIMAL(54,18)";
            case "date" -> "DATE";
            case "datetime" -> "TIMESTAMP(3)";
            case "timestamp", "timestamp_ntz" -> "TIMESTAMP(9)";
            default -> "VARCHAR";
        };
    }

    private static Object h2Value(Object v, OdpsType type) {
        if (v == null) {
            return null;
        }
        return switch (type.name()) {
            case "string", "varchar", "char", "json" -> new String((byte[]) v, StandardCharsets.UTF_8);
            case "date" -> LocalDate.ofEpochDay((Long) v);
            case "datetime" -> LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) v), ZoneOffset.UTC);
            case "timestamp", "timestamp_ntz" -> {
                TunnelRecords.Seconds s = (TunnelRecords.Seconds) v;
                yield LocalDateTime.ofEpochSecond(s.seconds(), s.nanos(), ZoneOffset.UTC);
            }
            case "array", "map", "struct", "interval_day_time", "interval_year_month" -> text(v, type);
            default -> v;
        };
    }

    /** A complex value as text, e.g. {@code [1, null]}, {@code {k:[1]}}, {@code {x:1, y:null}}. */
    private static String text(Object v, OdpsType type) {
        if (v == null) {
            return "null";
        }
        return switch (type.name()) {
            case "array" -> {
                List<String> parts = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    parts.add(text(e, type.children().get(0)));
                }
                yield "[" + String.join(", ", parts) + "]";
            }
            case "map" -> {
                TunnelRecords.MapValue m = (TunnelRecords.MapValue) v;
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < m.keys().size(); i++) {
                    parts.add(text(m.keys().get(i), type.children().get(0)) + ":"
                            + text(m.values().get(i), type.children().get(1)));
                }
                yield "{" + String.join(", ", parts) + "}";
            }
            case "struct" -> {
                List<?> fields = (List<?>) v;
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    parts.add(type.fieldNames().get(i) + ":"
                            + text(fields.get(i), type.children().get(i)));
                }
                yield "{" + String.join(", ", parts) + "}";
            }
            case "interval_day_time" -> {
                TunnelRecords.Seconds s = (TunnelRecords.Seconds) v;
                yield s.seconds() + "." + String.format("%09d", s.nanos()) + "s";
            }
            default -> {
                Object h2 = h2Value(v, type);
                yield h2 instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(h2);
            }
        };
    }

    private static String name(String project, String table) {
        // One H2 schema per namespace: "p" for a project's own tables, "p.s" for a schema's.
        return quote(MaxComputeStore.namespace(project)) + "." + quote(MaxComputeStore.normalise(table));
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    // --- MaxCompute SQL tokens ---------------------------------------------------------------------------------

    private enum Kind {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        SYMBOL,
        H2
    }

    private record Token(Kind kind, String text, int line) {}

    /** Words, backquoted names, strings ('..' or "..", backslash escapes), numbers and symbols; comments dropped. */
    private static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n && sql.charAt(j) != c) {
                    char d = sql.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        char e = sql.charAt(++j);
                        sb.append(
                                switch (e) {
                                    case 'n' -> '\n';
                                    case 't' -> '\t';
                                    case 'r' -> '\r';
                                    case '0' -> '\0';
                                    default -> e;
                                });
                    } else {
                        sb.append(d);
                    }
                    j++;
                }
                if (j >= n) {
                    throw new MaxComputeException(
                            400, "ParseError", "ODPS-0130161:[" + line + ",1] Parse exception - unclosed string");
                }
                out.add(new Token(Kind.STRING, sb.toString(), line));
                i = j + 1;
            } else if (c == '`') {
                int end = sql.indexOf('`', i + 1);
                if (end < 0) {
                    throw new MaxComputeException(
                            400, "ParseError", "ODPS-0130161:[" + line + ",1] Parse exception - unclosed `");
                }
                out.add(new Token(Kind.QUOTED_NAME, sql.substring(i + 1, end), line));
                i = end + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(i, j), line));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int j = i;
                while (j < n
                        && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(Kind.WORD, sql.substring(i, j), line));
                i = j;
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (two.equals("<>") || two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("||")) {
                    out.add(new Token(Kind.SYMBOL, two, line));
                    i += 2;
                } else {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                    i++;
                }
            }
        }
        return out;
    }
}
