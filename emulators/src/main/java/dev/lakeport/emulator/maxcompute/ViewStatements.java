package dev.lakeport.emulator.maxcompute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The view statements a SQL task may run ("CREATE VIEW", "DROP VIEW" in MaxCompute's DDL reference):
 *
 * <ul>
 *   <li>{@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] v [(col [COMMENT '..'], ...)] [COMMENT '..'] AS select}
 *   <li>{@code DROP VIEW [IF EXISTS] v}
 * </ul>
 *
 * As the service does, a view's query is checked when the view is created: every table it reads must exist (else
 * "Table not found"), it must compile in the SQL engine, and a column list must name as many columns as the query
 * gives. The view keeps its query as sent (the text after {@code AS}), which is what the SDK reads back as
 * {@code viewText}. A view name has the same forms as a table's ({@code v}, {@code p.v}, {@code p.s.v}); one statement
 * per task.
 */
final class ViewStatements {
    private static final Pattern VIEW_STATEMENT =
            Pattern.compile("(?is)\\s*(create\\s+(or\\s+replace\\s+)?view|drop\\s+view)\\b.*");

    private final MaxComputeStore store;
    private final QueryEngine queries;

    ViewStatements(MaxComputeStore store, QueryEngine queries) {
        this.store = store;
        this.queries = queries;
    }

    static boolean isViewStatement(String sql) {
        return VIEW_STATEMENT.matcher(sql).matches();
    }

    /** Runs the statement; the result is empty (DDL), or a {@link MaxComputeException} when it fails. */
    String run(String project, String sql, Map<String, String> settings) {
        Scanner s = new Scanner(sql);
        if (s.acceptWord("drop")) {
            s.expectWord("view");
            boolean ifExists = s.acceptWords("if", "exists");
            String[] name = name(project, s);
            s.end();
            drop(name, ifExists);
            return "";
        }
        s.expectWord("create");
        boolean replace = s.acceptWords("or", "replace");
        s.expectWord("view");
        boolean ifNotExists = s.acceptWords("if", "not", "exists");
        String[] name = name(project, s);
        List<MaxComputeStore.Column> listed = new ArrayList<>();
        if (s.acceptSymbol('(')) {
            do {
                String column = s.identifier().toLowerCase(Locale.ROOT);
                String comment = s.acceptWord("comment") ? s.string() : "";
                listed.add(new MaxComputeStore.Column(column, "string", comment));
            } while (s.acceptSymbol(','));
            s.expectSymbol(')');
        }
        String comment = s.acceptWord("comment") ? s.string() : "";
        s.expectWord("as");
        String query = s.rest().trim();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).trim();
        }
        if (query.isEmpty()) {
            throw s.error("CREATE VIEW needs a query after AS");
        }
        var existing = store.table(name[0], name[1]);
        if (existing.isPresent() && !existing.get().isView()) {
            throw alreadyExists(name, " (a table, not a view)");
        }
        if (existing.isPresent() && ifNotExists) {
            return "";
        }
        if (existing.isPresent() && !replace) {
            throw alreadyExists(name, "");
        }
        List<MaxComputeStore.Column> derived = queries.defineView(
                name[0],
                name[1],
                query,
                listed.stream().map(MaxComputeStore.Column::name).toList());
        List<MaxComputeStore.Column> columns = derived;
        if (!listed.isEmpty()) {
            if (listed.size() != derived.size()) {
                throw new MaxComputeException(
                        400,
                        "SemanticAnalysisError",
                        "ODPS-0130071:[1,1] Semantic analysis exception - view " + name[0] + "." + name[1] + " names "
                                + listed.size() + " columns but its query gives " + derived.size());
            }
            columns = new ArrayList<>();
            for (int i = 0; i < listed.size(); i++) {
                columns.add(new MaxComputeStore.Column(
                        listed.get(i).name(),
                        derived.get(i).type(),
                        listed.get(i).comment()));
            }
        }
        MaxComputeStore.Table view = MaxComputeStore.Table.view(name[1], columns, comment, query);
        if (existing.isPresent()) {
            store.alterTable(name[0], name[1], old -> view);
        } else if (!store.createTable(name[0], view)) {
            if (!ifNotExists) {
                throw alreadyExists(name, "");
            }
        }
        return "";
    }

    private void drop(String[] name, boolean ifExists) {
        var existing = store.table(name[0], name[1]);
        if (existing.isEmpty()) {
            if (ifExists) {
                return;
            }
            throw MaxComputeException.noSuchTable(name[0], name[1]);
        }
        if (!existing.get().isView()) {
            throw new MaxComputeException(
                    400,
                    "SemanticAnalysisError",
                    "ODPS-0130071:[1,1] Semantic analysis exception - " + name[0] + "." + name[1]
                            + " is a table, not a view: use DROP TABLE");
        }
        store.dropTable(name[0], name[1]);
        queries.dropView(name[0], name[1]);
    }

    /** The namespace ({@code p} or {@code p.s}) and name of {@code v}, {@code p.v} or {@code p.s.v}. */
    private String[] name(String project, Scanner s) {
        List<String> parts = new ArrayList<>();
        parts.add(s.identifier());
        while (s.acceptSymbol('.')) {
            parts.add(s.identifier());
        }
        if (parts.size() > 3) {
            throw s.error("view name " + String.join(".", parts) + " has too many parts");
        }
        String p = parts.size() == 1 ? project : parts.get(0);
        if (!store.hasProject(p)) {
            throw new MaxComputeException(404, "NoSuchObject", "ODPS-0420111: Project not found - '" + p + "'.");
        }
        String namespace = parts.size() == 3 ? p + "." + parts.get(1) : p;
        return new String[] {namespace, parts.get(parts.size() - 1).toLowerCase(Locale.ROOT)};
    }

    private static MaxComputeException alreadyExists(String[] name, String why) {
        return new MaxComputeException(
                409,
                "ObjectAlreadyExists",
                "ODPS-0110061: Failed to run ddltask - AlreadyExistsException(message:Table or view " + name[0] + "."
                        + name[1] + " already exists" + why + ")");
    }

    /** Reads the statement's head word by word, keeping its place in the text so that the query is taken as sent. */
    private static final class Scanner {
        private final String sql;
        private int pos;

        Scanner(String sql) {
            this.sql = sql;
        }

        private void skip() {
            while (pos < sql.length()) {
                char c = sql.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (sql.startsWith("--", pos)) {
                    int nl = sql.indexOf('\n', pos);
                    pos = nl < 0 ? sql.length() : nl + 1;
                } else {
                    return;
                }
            }
        }

        private String peekWord() {
            skip();
            int end = pos;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            return sql.substring(pos, end);
        }

        boolean acceptWord(String word) {
            String w = peekWord();
            if (w.equalsIgnoreCase(word)) {
                pos += w.length();
                return true;
            }
            return false;
        }

        boolean acceptWords(String... words) {
            int at = pos;
            for (String w : words) {
                if (!acceptWord(w)) {
                    pos = at;
                    return false;
                }
            }
            return true;
        }

        void expectWord(String word) {
            if (!acceptWord(word)) {
                throw error("expected " + word.toUpperCase(Locale.ROOT) + " but found '" + peekWord() + "'");
            }
        }

        boolean acceptSymbol(char symbol) {
            skip();
            if (pos < sql.length() && sql.charAt(pos) == symbol) {
                pos++;
                return true;
            }
            return false;
        }

        void expectSymbol(char symbol) {
            if (!acceptSymbol(symbol)) {
                throw error("expected '" + symbol + "'");
            }
        }

        String identifier() {
            skip();
            if (pos < sql.length() && sql.charAt(pos) == '`') {
                int end = sql.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error("unclosed `");
                }
                String name = sql.substring(pos + 1, end);
                pos = end + 1;
                return name;
            }
            String w = peekWord();
            if (w.isEmpty()) {
                throw error("expected a name");
            }
            pos += w.length();
            return w;
        }

        String string() {
            skip();
            if (pos >= sql.length() || (sql.charAt(pos) != '\'' && sql.charAt(pos) != '"')) {
                throw error("expected a quoted string");
            }
            char quote = sql.charAt(pos);
            StringBuilder sb = new StringBuilder();
            int j = pos + 1;
            while (j < sql.length() && sql.charAt(j) != quote) {
                if (sql.charAt(j) == '\\' && j + 1 < sql.length()) {
                    j++;
                }
                sb.append(sql.charAt(j));
                j++;
            }
            if (j >= sql.length()) {
                throw error("unclosed string");
            }
            pos = j + 1;
            return sb.toString();
        }

        String rest() {
            skip();
            return sql.substring(pos);
        }

        void end() {
            skip();
            while (pos < sql.length() && sql.charAt(pos) == ';') {
                pos++;
                skip();
            }
            if (pos < sql.length()) {
                throw error("unexpected '" + sql.substring(pos, Math.min(sql.length(), pos + 20)) + "'");
            }
        }

        MaxComputeException error(String what) {
            return new MaxComputeException(400, "ParseError", "ODPS-0130161:[1] Parse exception - " + what);
        }
    }
}
