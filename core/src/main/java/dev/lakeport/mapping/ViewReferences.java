package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a view reads, as far as its SQL names them after {@code FROM} and {@code JOIN}: enough to warn that a view
 * reads tables a run leaves out, not a SQL parser. Hive keeps a view's expanded text with qualified names
 * ({@code `db`.`t`}); Athena views keep their SQL base64-encoded in a {@code /* Presto View: ... *}{@code /} comment.
 * Names a {@code WITH} clause defines are not tables and are left out.
 */
public final class ViewReferences {
    private static final String NAME = "(?:`[^`]++`|\"[^\"]++\"|[A-Za-z_][A-Za-z0-9_$]*+)";
    // possessive, so that a function call (FROM unnest(...)) is not read as a table with a shorter name
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:from|join)\\s+(" + NAME + ")(?:\\s*\\.\\s*(" + NAME
            + "))?+(?:\\s*\\.\\s*(" + NAME + "))?+(?!\\s*\\()");
    private static final Pattern CTE = Pattern.compile("(?i)(?:\\bwith|,)\\s*(" + NAME + ")\\s+as\\s*\\(");
    private static final Pattern PRESTO = Pattern.compile("/\\*\\s*Presto View:\\s*([A-Za-z0-9+/=\\s]+)\\*/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ViewReferences() {}

    /**
     * {@code db.table} of every table the view's SQL reads, lower-cased ({@code project.schema.table} where the SQL
     * names three parts); empty for a table that is not a view.
     */
    public static Set<String> tables(Table view) {
        requireNonNull(view, "view is null");
        Optional<String> sql = sql(view);
        if (!view.isView() || sql.isEmpty()) {
            return Set.of();
        }
        return tables(sql.get(), view.databaseName());
    }

    /** {@code db.table} of every table {@code sql} reads; unqualified names are in {@code database}. */
    public static Set<String> tables(String sql, String database) {
        String text = withoutComments(sql);
        Set<String> ctes = new HashSet<>();
        Matcher cte = CTE.matcher(text);
        while (cte.find()) {
            ctes.add(unquote(cte.group(1)));
        }
        Set<String> out = new TreeSet<>();
        Matcher m = TABLE.matcher(text);
        while (m.find()) {
            String first = unquote(m.group(1));
            if (m.group(2) == null) {
                if (!ctes.contains(first)) {
                    out.add(database.toLowerCase(Locale.ROOT) + "." + first);
                }
            } else if (m.group(3) != null) {
                // project.schema.table, as a MaxCompute view names what it reads
                out.add(first + "." + unquote(m.group(2)) + "." + unquote(m.group(3)));
            } else {
                out.add(first + "." + unquote(m.group(2)));
            }
        }
        return out;
    }

    /**
     * The SQL a view runs: Hive's expanded text (names qualified), else its original text; for an Athena view, the SQL
     * of its Presto definition. Empty when the view keeps no SQL.
     */
    public static Optional<String> sql(Table view) {
        for (Optional<String> text : java.util.List.of(view.viewExpandedText(), view.viewOriginalText())) {
            if (text.isEmpty() || text.get().isBlank()) {
                continue;
            }
            Matcher presto = PRESTO.matcher(text.get());
            if (presto.find()) {
                Optional<String> decoded = prestoSql(presto.group(1));
                if (decoded.isPresent()) {
                    return decoded;
                }
                continue;
            }
            if (!withoutComments(text.get()).isBlank()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /** Whether the view is an Athena (Presto) view, whose SQL quotes names in double quotes. */
    public static boolean isPrestoView(Table view) {
        return view.viewOriginalText().map(t -> PRESTO.matcher(t).find()).orElse(false);
    }

    private static Optional<String> prestoSql(String base64) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(base64.trim());
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            JsonNode original = node.get("originalSql");
            return original == null || !original.isTextual() ? Optional.empty() : Optional.of(original.asText());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    private static String unquote(String name) {
        String n = name;
        if (n.length() >= 2 && ((n.startsWith("`") && n.endsWith("`")) || (n.startsWith("\"") && n.endsWith("\"")))) {
            n = n.substring(1, n.length() - 1);
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
