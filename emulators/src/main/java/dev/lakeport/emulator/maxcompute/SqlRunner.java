package dev.lakeport.emulator.maxcompute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL a SQL task may run here, each statement applied to the store as it is read:
 *
 * <ul>
 *   <li>{@code CREATE TABLE [IF NOT EXISTS] t (col type [NOT NULL] [COMMENT '..'], ...) [COMMENT '..'] [PARTITIONED BY
 *       (key type [COMMENT '..'], ...)] [LIFECYCLE n]}
 *   <li>{@code DROP TABLE [IF EXISTS] t}
 *   <li>{@code ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (k='v', ...) [PARTITION (...)]...}
 *   <li>{@code ALTER TABLE t DROP [IF EXISTS] PARTITION (k='v', ...) [, PARTITION (...)]...}
 *   <li>{@code ALTER TABLE t ADD COLUMNS (col type [COMMENT '..'], ...)}, {@code ALTER TABLE t SET COMMENT '..'},
 *       {@code ALTER TABLE t SET LIFECYCLE n}, {@code ALTER TABLE t CHANGE COLUMN c COMMENT '..'}
 *   <li>{@code CREATE SCHEMA [IF NOT EXISTS] [project.]s [COMMENT '..']}, {@code DROP SCHEMA [IF EXISTS] [project.]s}
 * </ul>
 *
 * Tables are named {@code t}, {@code project.t} or {@code project.schema.t} (a schema of a project with the
 * three-layer model).
 *
 * Statements are separated by {@code ;}. Anything else fails the task with an {@code ODPS-} message naming what was
 * not understood; a failing statement changes nothing, though earlier statements of the same task stay applied.
 */
final class SqlRunner {
    private static final Set<String> TYPES = Set.of(
            "bigint",
            "double",
            "decimal",
            "string",
            "datetime",
            "boolean",
            "tinyint",
            "smallint",
            "int",
            "float",
            "varchar",
            "char",
            "binary",
            "date",
            "timestamp",
            "timestamp_ntz",
            "json",
            "array",
            "map",
            "struct",
            "interval_day_time",
            "interval_year_month");
    private static final Set<String> PARTITION_KEY_TYPES =
            Set.of("string", "varchar", "char", "tinyint", "smallint", "int", "bigint");

    private final MaxComputeStore store;

    SqlRunner(MaxComputeStore store) {
        this.store = store;
    }

    /** Runs the statements; the result text (CSV, empty for DDL) or a {@link MaxComputeException} when one fails. */
    String run(String project, String sql) {
        Tokens t = new Tokens(sql);
        while (!t.atEnd()) {
            if (t.acceptSymbol(";")) {
                continue;
            }
            statement(project, t);
            if (!t.atEnd() && !t.acceptSymbol(";")) {
                throw t.error("expected ';' or end of statement");
            }
        }
        return "";
    }

    private void statement(String project, Tokens t) {
        if (t.acceptWords("create", "schema")) {
            createSchema(project, t);
        } else if (t.acceptWords("drop", "schema")) {
            dropSchema(project, t);
        } else if (t.acceptWord("create")) {
            t.expectWord("table");
            createTable(project, t);
        } else if (t.acceptWord("drop")) {
            t.expectWord("table");
            boolean ifExists = t.acceptWords("if", "exists");
            Name name = name(project, t);
            if (store.table(name.project, name.table)
                    .filter(MaxComputeStore.Table::isView)
                    .isPresent()) {
                throw new MaxComputeException(
                        400,
                        "SemanticAnalysisError",
                        "ODPS-0130071:[1,1] Semantic analysis exception - " + name.project + "." + name.table
                                + " is a view: use DROP VIEW");
            }
            if (!store.dropTable(name.project, name.table) && !ifExists) {
                throw MaxComputeException.noSuchTable(name.project, name.table);
            }
        } else if (t.acceptWord("alter")) {
            t.expectWord("table");
            Name name = name(project, t);
            if (t.acceptWords("add", "columns")) {
                addColumns(name, t);
            } else if (t.acceptWord("add")) {
                addPartitions(name, t);
            } else if (t.acceptWord("drop")) {
                dropPartitions(name, t);
            } else if (t.acceptWords("set", "comment")) {
                String comment = t.string();
                alter(name, x -> x.withComment(comment));
            } else if (t.acceptWords("set", "lifecycle")) {
                long days = lifecycle(t);
                alter(name, x -> x.withLifecycle(days));
            } else if (t.acceptWords("change", "column")) {
                changeColumnComment(name, t);
            } else {
                throw t.error("only ALTER TABLE ... ADD/DROP PARTITION, ADD COLUMNS, SET COMMENT, SET LIFECYCLE and"
                        + " CHANGE COLUMN ... COMMENT are supported");
            }
        } else {
            throw t.error("statement " + t.peek().toUpperCase(Locale.ROOT) + " is not supported by the emulator");
        }
    }

    private void createTable(String project, Tokens t) {
        boolean ifNotExists = t.acceptWords("if", "not", "exists");
        Name name = name(project, t);
        List<MaxComputeStore.Column> columns = columnList(t, false);
        String comment = "";
        List<MaxComputeStore.Column> keys = List.of();
        long lifecycle = -1;
        while (!t.atEnd() && !t.peekSymbol(";")) {
            if (t.acceptWord("comment")) {
                comment = t.string();
            } else if (t.acceptWord("partitioned")) {
                t.expectWord("by");
                keys = columnList(t, true);
            } else if (t.acceptWord("lifecycle")) {
                lifecycle = lifecycle(t);
            } else {
                throw t.error("unexpected '" + t.peek() + "' in CREATE TABLE");
            }
        }
        for (MaxComputeStore.Column key : keys) {
            for (MaxComputeStore.Column c : columns) {
                if (c.name().equals(key.name())) {
                    throw t.error("partition key '" + key.name() + "' is also a column");
                }
            }
        }
        MaxComputeStore.Table table = new MaxComputeStore.Table(
                name.table, columns, keys, comment, lifecycle, System.currentTimeMillis() / 1000);
        if (!store.createTable(name.project, table) && !ifNotExists) {
            throw new MaxComputeException(
                    409,
                    "ObjectAlreadyExists",
                    "ODPS-0110061: Failed to run ddltask - AlreadyExistsException(message:Table or view " + name.project
                            + "." + name.table + " already exists)");
        }
    }

    private static long lifecycle(Tokens t) {
        String days = t.next();
        long lifecycle;
        try {
            lifecycle = Long.parseLong(days);
        } catch (NumberFormatException e) {
            throw t.error("LIFECYCLE must be a number of days, got '" + days + "'");
        }
        if (lifecycle <= 0) {
            throw t.error("LIFECYCLE must be positive, got " + lifecycle);
        }
        return lifecycle;
    }

    private void createSchema(String project, Tokens t) {
        boolean ifNotExists = t.acceptWords("if", "not", "exists");
        String[] ps = schemaName(project, t);
        String comment = t.acceptWord("comment") ? t.string() : "";
        if (!store.createSchema(ps[0], ps[1], comment) && !ifNotExists) {
            throw new MaxComputeException(
                    409,
                    "ObjectAlreadyExists",
                    "ODPS-0110061: Failed to run ddltask - Schema " + ps[0] + "." + ps[1] + " already exists");
        }
    }

    private void dropSchema(String project, Tokens t) {
        boolean ifExists = t.acceptWords("if", "exists");
        String[] ps = schemaName(project, t);
        if (!store.dropSchema(ps[0], ps[1]) && !ifExists) {
            throw new MaxComputeException(
                    404, "NoSuchObject", "ODPS-0110061: Schema not found - '" + ps[0] + "." + ps[1] + "'.");
        }
    }

    /** {@code s} or {@code project.s}: the project and the schema. */
    private String[] schemaName(String project, Tokens t) {
        String first = t.identifier();
        String p = project;
        String s = first;
        if (t.acceptSymbol(".")) {
            p = first;
            s = t.identifier();
        }
        if (!store.hasProject(p)) {
            throw new MaxComputeException(404, "NoSuchObject", "ODPS-0420111: Project not found - '" + p + "'.");
        }
        return new String[] {p, s};
    }

    private void addColumns(Name name, Tokens t) {
        List<MaxComputeStore.Column> added = columnList(t, false);
        alter(name, table -> {
            List<MaxComputeStore.Column> columns = new ArrayList<>(table.columns());
            for (MaxComputeStore.Column c : added) {
                boolean clash = table.columns().stream().anyMatch(x -> x.name().equals(c.name()))
                        || table.partitionKeys().stream().anyMatch(x -> x.name().equals(c.name()));
                if (clash) {
                    throw t.error("column '" + c.name() + "' already exists in " + table.name());
                }
                columns.add(c);
            }
            return new MaxComputeStore.Table(
                    table.name(),
                    columns,
                    table.partitionKeys(),
                    table.comment(),
                    table.lifecycle(),
                    table.createTime());
        });
    }

    private void changeColumnComment(Name name, Tokens t) {
        String column = t.identifier().toLowerCase(Locale.ROOT);
        t.expectWord("comment");
        String comment = t.string();
        alter(name, table -> {
            boolean[] found = {false};
            java.util.function.Function<List<MaxComputeStore.Column>, List<MaxComputeStore.Column>> change =
                    cols -> cols.stream()
                            .map(c -> {
                                if (c.name().equals(column)) {
                                    found[0] = true;
                                    return new MaxComputeStore.Column(c.name(), c.type(), comment);
                                }
                                return c;
                            })
                            .toList();
            List<MaxComputeStore.Column> columns = change.apply(table.columns());
            List<MaxComputeStore.Column> keys = change.apply(table.partitionKeys());
            if (!found[0]) {
                throw new MaxComputeException(
                        404,
                        "NoSuchObject",
                        "ODPS-0130071: column '" + column + "' not found in table " + table.name());
            }
            return new MaxComputeStore.Table(
                    table.name(), columns, keys, table.comment(), table.lifecycle(), table.createTime());
        });
    }

    private void alter(Name name, java.util.function.UnaryOperator<MaxComputeStore.Table> change) {
        store.alterTable(name.project, name.table, change);
    }

    private List<MaxComputeStore.Column> columnList(Tokens t, boolean partitionKeys) {
        t.expectSymbol("(");
        List<MaxComputeStore.Column> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        do {
            String col = t.identifier();
            String type = type(t);
            if (partitionKeys && !PARTITION_KEY_TYPES.contains(type)) {
                throw t.error("partition key '" + col + "' has type " + type + ", which cannot be a partition key");
            }
            if (t.acceptWord("not")) {
                t.expectWord("null");
            }
            String comment = t.acceptWord("comment") ? t.string() : "";
            if (!seen.add(col.toLowerCase(Locale.ROOT))) {
                throw t.error("column '" + col + "' is defined twice");
            }
            out.add(new MaxComputeStore.Column(col, type, comment));
        } while (t.acceptSymbol(","));
        t.expectSymbol(")");
        return out;
    }

    /** A type such as {@code bigint}, {@code decimal(10,2)} or {@code map<string,array<int>>}, lower-cased. */
    private String type(Tokens t) {
        String base = t.identifier().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(base)) {
            throw t.error("unknown type '" + base + "'");
        }
        StringBuilder sb = new StringBuilder(base);
        if (t.peekSymbol("(") || t.peekSymbol("<")) {
            String open = t.next();
            String close = open.equals("(") ? ")" : ">";
            sb.append(open);
            int depth = 1;
            while (depth > 0) {
                if (t.atEnd()) {
                    throw t.error("type " + sb + " is not closed");
                }
                String tok = t.next();
                if (tok.equals(open)) {
                    depth++;
                } else if (tok.equals(close)) {
                    depth--;
                }
                sb.append(tok.toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    private void addPartitions(Name name, Tokens t) {
        boolean ifNotExists = t.acceptWords("if", "not", "exists");
        List<LinkedHashMap<String, String>> specs = new ArrayList<>();
        do {
            t.expectWord("partition");
            specs.add(spec(t));
        } while (t.peekWord("partition") || t.acceptSymbol(","));
        requireTable(name);
        if (!ifNotExists) {
            for (LinkedHashMap<String, String> spec : specs) {
                if (store.partition(name.project, name.table, spec).isPresent()) {
                    throw new MaxComputeException(
                            409,
                            "ObjectAlreadyExists",
                            "ODPS-0130111:Partition already exists - " + MaxComputeStore.canonical(spec));
                }
            }
        }
        for (LinkedHashMap<String, String> spec : specs) {
            // Checks every spec against the keys before any is added.
            store.partition(name.project, name.table, spec);
        }
        store.requireRoomFor(name.project, name.table, specs);
        for (LinkedHashMap<String, String> spec : specs) {
            store.addPartition(name.project, name.table, spec);
        }
    }

    private void dropPartitions(Name name, Tokens t) {
        boolean ifExists = t.acceptWords("if", "exists");
        List<LinkedHashMap<String, String>> specs = new ArrayList<>();
        do {
            t.expectWord("partition");
            specs.add(spec(t));
        } while (t.peekWord("partition") || t.acceptSymbol(","));
        requireTable(name);
        for (LinkedHashMap<String, String> spec : specs) {
            if (store.partition(name.project, name.table, spec).isEmpty() && !ifExists) {
                throw new MaxComputeException(
                        404, "NoSuchObject", "ODPS-0130131:Partition not found - " + MaxComputeStore.canonical(spec));
            }
        }
        for (LinkedHashMap<String, String> spec : specs) {
            store.dropPartition(name.project, name.table, spec);
        }
    }

    private void requireTable(Name name) {
        store.table(name.project, name.table)
                .orElseThrow(() -> MaxComputeException.noSuchTable(name.project, name.table));
    }

    private LinkedHashMap<String, String> spec(Tokens t) {
        t.expectSymbol("(");
        LinkedHashMap<String, String> spec = new LinkedHashMap<>();
        do {
            String key = t.identifier().toLowerCase(Locale.ROOT);
            t.expectSymbol("=");
            String value = t.peekString() ? t.string() : t.next();
            if (spec.put(key, value) != null) {
                throw t.error("partition key '" + key + "' given twice");
            }
        } while (t.acceptSymbol(","));
        t.expectSymbol(")");
        return spec;
    }

    private record Name(String project, String table) {}

    /** {@code t}, {@code project.t} or {@code project.schema.t}. */
    private Name name(String project, Tokens t) {
        List<String> parts = new ArrayList<>();
        parts.add(t.identifier());
        while (t.acceptSymbol(".")) {
            parts.add(t.identifier());
        }
        if (parts.size() > 3) {
            throw t.error("table name " + String.join(".", parts) + " has too many parts");
        }
        String p = parts.size() == 1 ? project : parts.get(0);
        if (!store.hasProject(p)) {
            throw new MaxComputeException(404, "NoSuchObject", "ODPS-0420111: Project not found - '" + p + "'.");
        }
        // project.schema.table addresses a schema's table; the store takes the namespace project.schema
        String namespace = parts.size() == 3 ? p + "." + parts.get(1) : p;
        return new Name(namespace, parts.get(parts.size() - 1));
    }

    /** SQL tokens: words (backquotes stripped), quoted strings (kept with their quote), numbers, symbols. */
    private static final class Tokens {
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();
        private int pos;

        Tokens(String sql) {
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
                    StringBuilder sb = new StringBuilder().append(c);
                    int j = i + 1;
                    while (j < n && sql.charAt(j) != c) {
                        if (sql.charAt(j) == '\\' && j + 1 < n) {
                            j++;
                        }
                        sb.append(sql.charAt(j));
                        j++;
                    }
                    if (j >= n) {
                        throw new MaxComputeException(
                                400, "ParseError", "ODPS-0130161:[" + line + "] Parse exception - unclosed string");
                    }
                    add(sb.toString(), line);
                    i = j + 1;
                } else if (c == '`') {
                    int end = sql.indexOf('`', i + 1);
                    if (end < 0) {
                        throw new MaxComputeException(
                                400, "ParseError", "ODPS-0130161:[" + line + "] Parse exception - unclosed `");
                    }
                    add(sql.substring(i + 1, end), line);
                    i = end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    int j = i;
                    while (j < n
                            && (Character.isLetterOrDigit(sql.charAt(j))
                                    || sql.charAt(j) == '_'
                                    || sql.charAt(j) == '$'
                                    || sql.charAt(j) == '-' && Character.isDigit(c))) {
                        j++;
                    }
                    add(sql.substring(i, j), line);
                    i = j;
                } else {
                    add(String.valueOf(c), line);
                    i++;
                }
            }
        }

        private void add(String token, int line) {
            tokens.add(token);
            lines.add(line);
        }

        boolean atEnd() {
            return pos >= tokens.size();
        }

        String peek() {
            return atEnd() ? "<end>" : tokens.get(pos);
        }

        String next() {
            if (atEnd()) {
                throw error("unexpected end of statement");
            }
            return tokens.get(pos++);
        }

        boolean peekWord(String word) {
            return !atEnd() && tokens.get(pos).equalsIgnoreCase(word);
        }

        boolean acceptWord(String word) {
            if (peekWord(word)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean acceptWords(String... words) {
            for (int k = 0; k < words.length; k++) {
                if (pos + k >= tokens.size() || !tokens.get(pos + k).equalsIgnoreCase(words[k])) {
                    return false;
                }
            }
            pos += words.length;
            return true;
        }

        void expectWord(String word) {
            if (!acceptWord(word)) {
                throw error("expected " + word.toUpperCase(Locale.ROOT) + " but found '" + peek() + "'");
            }
        }

        boolean peekSymbol(String symbol) {
            return !atEnd() && tokens.get(pos).equals(symbol);
        }

        boolean acceptSymbol(String symbol) {
            if (peekSymbol(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        void expectSymbol(String symbol) {
            if (!acceptSymbol(symbol)) {
                throw error("expected '" + symbol + "' but found '" + peek() + "'");
            }
        }

        boolean peekString() {
            return !atEnd()
                    && (tokens.get(pos).startsWith("'") || tokens.get(pos).startsWith("\""));
        }

        String string() {
            if (!peekString()) {
                throw error("expected a quoted string but found '" + peek() + "'");
            }
            return next().substring(1);
        }

        String identifier() {
            String tok = next();
            char c = tok.charAt(0);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                pos--;
                throw error("expected a name but found '" + tok + "'");
            }
            return tok;
        }

        MaxComputeException error(String what) {
            int line = lines.isEmpty() ? 1 : lines.get(Math.min(pos, lines.size() - 1));
            return new MaxComputeException(400, "ParseError", "ODPS-0130161:[" + line + "] Parse exception - " + what);
        }
    }
}
