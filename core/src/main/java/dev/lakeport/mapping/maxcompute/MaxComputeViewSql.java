package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import dev.lakeport.mapping.ViewReferences;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A source view's SQL as MaxCompute will run it: every table it reads (after {@code FROM} or {@code JOIN}, also in a
 * comma-separated list) named by its MaxCompute namespace and mapped name, backquoted ({@code `sales`.`orders`} becomes
 * {@code `lakeport_sample`.`sales`.`orders`}); a bare name is a table of the view's own database. The rest of the text
 * is kept as written: Hive's expanded text (which {@link ViewReferences#sql} prefers) already qualifies every column
 * with its table, and a table whose name the character mappings change keeps its source name as an alias, so those
 * qualifiers still resolve. An Athena view's Presto SQL has its double-quoted names backquoted.
 *
 * <p>Not a SQL parser: it finds table names where {@link ViewReferences} finds them. What it can tell MaxCompute would
 * not run is a problem: a view without SQL, a name of three parts (no Hive table has one), and a call of a function
 * qualified by a database (Lakeport moves no functions to MaxCompute). {@code LATERAL VIEW}, {@code TRANSFORM},
 * {@code CLUSTER/DISTRIBUTE/SORT BY} are MaxCompute SQL too and pass.
 */
public final class MaxComputeViewSql {
    private static final Set<String> NOT_ALIASES = Set.of(
            "where",
            "group",
            "order",
            "limit",
            "having",
            "join",
            "left",
            "right",
            "inner",
            "outer",
            "full",
            "cross",
            "on",
            "using",
            "union",
            "lateral",
            "sort",
            "cluster",
            "distribute",
            "window",
            "semi",
            "anti",
            "natural",
            "except",
            "intersect",
            "minus",
            "tablesample",
            "select",
            "from",
            "as");

    /** Words before a parenthesis that opens a subquery or a list, not a function's arguments. */
    private static final Set<String> NOT_CALLS = Set.of(
            "from",
            "join",
            "in",
            "exists",
            "as",
            "on",
            "where",
            "and",
            "or",
            "not",
            "select",
            "union",
            "all",
            "having",
            "by",
            "when",
            "then",
            "else",
            "case",
            "lateral",
            "values",
            "with",
            "using",
            "over",
            "distinct");

    private MaxComputeViewSql() {}

    /** A table a view reads: as its SQL names it at the source, and where it is in MaxCompute. */
    public record Reference(String sourceName, String namespace, String table) {
        public Reference {
            requireNonNull(sourceName, "sourceName is null");
            requireNonNull(namespace, "namespace is null");
            requireNonNull(table, "table is null");
        }

        /** {@code namespace.table}, as the snapshot keys it. */
        public String destination() {
            return namespace + "." + table;
        }
    }

    /** The mapped SQL (empty when there is none to map), what it reads, and why MaxCompute could not run it. */
    public record Result(Optional<String> sql, List<Reference> reads, List<String> problems) {
        public Result {
            requireNonNull(sql, "sql is null");
            reads = List.copyOf(reads);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param view a view under its MaxCompute names (its database is its namespace), its SQL as the source keeps it
     * @param namespaceOf a source database's MaxCompute namespace ({@code project} or {@code project.schema})
     * @param tableNameOf a source table name's MaxCompute name
     */
    public static Result map(Table view, UnaryOperator<String> namespaceOf, UnaryOperator<String> tableNameOf) {
        requireNonNull(view, "view is null");
        Optional<String> source = ViewReferences.sql(view);
        if (source.isEmpty()) {
            return new Result(
                    Optional.empty(),
                    List.of(),
                    List.of("the view keeps no SQL text (neither expanded nor original) to create it from"));
        }
        boolean presto = ViewReferences.isPrestoView(view);
        List<Tok> toks = lex(source.get());
        List<Integer> sig = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            if (toks.get(i).kind != Kind.SPACE) {
                sig.add(i);
            }
        }
        Set<String> ctes = ctes(toks, sig, presto);
        String[] replaced = new String[toks.size()];
        Set<Reference> reads = new LinkedHashSet<>();
        Set<String> problems = new LinkedHashSet<>();
        // whether each open parenthesis is a function call's, such as EXTRACT(DAY FROM ts), whose FROM reads no table
        java.util.Deque<Boolean> calls = new java.util.ArrayDeque<>();
        for (int k = 0; k < sig.size(); k++) {
            Tok t = toks.get(sig.get(k));
            if (t.text.equals("(")) {
                Tok before = k > 0 ? toks.get(sig.get(k - 1)) : null;
                calls.push(before != null && isName(before, presto) && !NOT_CALLS.contains(before.lower()));
                continue;
            }
            if (t.text.equals(")")) {
                calls.poll();
                continue;
            }
            if (t.kind == Kind.WORD && (t.is("from") || t.is("join")) && !Boolean.TRUE.equals(calls.peek())) {
                k = references(
                                toks,
                                sig,
                                k + 1,
                                view,
                                presto,
                                ctes,
                                namespaceOf,
                                tableNameOf,
                                replaced,
                                reads,
                                problems)
                        - 1;
                continue;
            }
            if (isName(t, presto)) {
                // db.fn( … ): a function of a source database
                int end = chainEnd(toks, sig, k, presto);
                if (end - k == 2
                        && end + 1 < sig.size()
                        && toks.get(sig.get(end + 1)).text.equals("(")) {
                    problems.add("calls function " + name(toks.get(sig.get(k)), presto) + "."
                            + name(toks.get(sig.get(end)), presto)
                            + " of a source database: Lakeport moves no functions to MaxCompute");
                }
                k = end;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < toks.size(); i++) {
            if (replaced[i] != null) {
                out.append(replaced[i]);
            } else if (presto && toks.get(i).kind == Kind.DOUBLE_QUOTED) {
                out.append(backquote(name(toks.get(i), true)));
            } else {
                out.append(toks.get(i).text);
            }
        }
        return new Result(Optional.of(out.toString().trim()), List.copyOf(reads), List.copyOf(problems));
    }

    /** Rewrites the table names from sig index {@code k} on (one, or a comma-separated list); returns where it ended. */
    private static int references(
            List<Tok> toks,
            List<Integer> sig,
            int k,
            Table view,
            boolean presto,
            Set<String> ctes,
            UnaryOperator<String> namespaceOf,
            UnaryOperator<String> tableNameOf,
            String[] replaced,
            Set<Reference> reads,
            Set<String> problems) {
        while (k < sig.size()) {
            Tok first = toks.get(sig.get(k));
            if (!isName(first, presto) || NOT_ALIASES.contains(first.lower())) {
                return k; // a subquery, or nothing we can read
            }
            int end = chainEnd(toks, sig, k, presto);
            if (end + 1 < sig.size() && toks.get(sig.get(end + 1)).text.equals("(")) {
                return end + 1; // a table function
            }
            List<String> parts = new ArrayList<>();
            for (int j = k; j <= end; j += 2) {
                parts.add(name(toks.get(sig.get(j)), presto));
            }
            String sourceName = String.join(".", parts);
            if (parts.size() > 2) {
                problems.add("reads " + sourceName + ": a source table is named database.table, not three parts");
            } else if (!(parts.size() == 1 && ctes.contains(parts.get(0).toLowerCase(Locale.ROOT)))) {
                String table = parts.get(parts.size() - 1);
                String namespace = parts.size() == 1
                        ? view.databaseName().toLowerCase(Locale.ROOT)
                        : namespaceOf.apply(parts.get(0));
                String mapped = tableNameOf.apply(table);
                reads.add(new Reference(sourceName, namespace, mapped));
                StringBuilder text = new StringBuilder();
                for (String part : namespace.split("\\.")) {
                    text.append(backquote(part)).append('.');
                }
                text.append(backquote(mapped));
                int after = end + 1;
                boolean aliased = after < sig.size() && isAlias(toks.get(sig.get(after)), presto);
                if (!aliased && !mapped.equals(table.toLowerCase(Locale.ROOT))) {
                    // the columns are qualified with the table's source name
                    text.append(' ').append(backquote(table));
                }
                for (int i = sig.get(k); i <= sig.get(end); i++) {
                    replaced[i] = "";
                }
                replaced[sig.get(k)] = text.toString();
            }
            k = end + 1;
            // an alias, then maybe ", next_table"
            if (k < sig.size() && toks.get(sig.get(k)).is("as")) {
                k++;
            }
            if (k < sig.size() && isAlias(toks.get(sig.get(k)), presto)) {
                k++;
            }
            if (k < sig.size() && toks.get(sig.get(k)).text.equals(",")) {
                k++;
                continue;
            }
            return k;
        }
        return k;
    }

    private static boolean isAlias(Tok t, boolean presto) {
        return isName(t, presto) && !NOT_ALIASES.contains(t.lower());
    }

    /** The sig index of the last name of a dotted chain starting at {@code k}. */
    private static int chainEnd(List<Tok> toks, List<Integer> sig, int k, boolean presto) {
        int end = k;
        while (end + 2 < sig.size()
                && toks.get(sig.get(end + 1)).text.equals(".")
                && isName(toks.get(sig.get(end + 2)), presto)) {
            end += 2;
        }
        return end;
    }

    /** Names a {@code WITH} clause defines: not tables. */
    private static Set<String> ctes(List<Tok> toks, List<Integer> sig, boolean presto) {
        Set<String> out = new HashSet<>();
        for (int k = 0; k + 3 < sig.size(); k++) {
            Tok t = toks.get(sig.get(k));
            if ((t.is("with") || t.text.equals(","))
                    && isName(toks.get(sig.get(k + 1)), presto)
                    && toks.get(sig.get(k + 2)).is("as")
                    && toks.get(sig.get(k + 3)).text.equals("(")) {
                out.add(name(toks.get(sig.get(k + 1)), presto).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static boolean isName(Tok t, boolean presto) {
        return t.kind == Kind.WORD || t.kind == Kind.BACKQUOTED || (presto && t.kind == Kind.DOUBLE_QUOTED);
    }

    private static String name(Tok t, boolean presto) {
        return switch (t.kind) {
            case BACKQUOTED -> t.text.substring(1, t.text.length() - 1).replace("``", "`");
            case DOUBLE_QUOTED -> t.text.substring(1, t.text.length() - 1).replace("\"\"", "\"");
            default -> t.text;
        };
    }

    private static String backquote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    // ---- tokens: every character kept, so that the text is rebuilt as written ----

    private enum Kind {
        SPACE,
        WORD,
        BACKQUOTED,
        DOUBLE_QUOTED,
        STRING,
        OTHER
    }

    private record Tok(Kind kind, String text) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    private static List<Tok> lex(String sql) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int j = i + 1;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (j < n && Character.isWhitespace(sql.charAt(j))) {
                    j++;
                }
                kind = Kind.SPACE;
            } else if (c == '-' && j < n && sql.charAt(j) == '-') {
                while (j < n && sql.charAt(j) != '\n') {
                    j++;
                }
                kind = Kind.SPACE;
            } else if (c == '/' && j < n && sql.charAt(j) == '*') {
                int close = sql.indexOf("*/", j + 1);
                j = close < 0 ? n : close + 2;
                kind = Kind.SPACE;
            } else if (c == '`' || c == '"' || c == '\'') {
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && c == '\'' && j + 1 < n) {
                        j += 2;
                        continue;
                    }
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2; // a doubled quote inside
                            continue;
                        }
                        j++;
                        break;
                    }
                    j++;
                }
                kind = c == '`' ? Kind.BACKQUOTED : c == '"' ? Kind.DOUBLE_QUOTED : Kind.STRING;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                while (j < n
                        && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                kind = Kind.WORD;
            } else {
                kind = Kind.OTHER;
            }
            out.add(new Tok(kind, sql.substring(i, Math.min(j, n))));
            i = j;
        }
        return out;
    }
}
