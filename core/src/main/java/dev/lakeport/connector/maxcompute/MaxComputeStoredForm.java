package dev.lakeport.connector.maxcompute;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An object as MaxCompute keeps it once written, its names in lower case (MaxCompute's names are case-insensitive
 * and kept so): a database is only its name (and, for a schema, its comment: a
 * project's comment belongs to the console), a table only its columns, partition keys, comment, lifecycle and type
 * (types lower-case without spaces), a partition only its values. Locations, formats, SerDe, parameters, owners,
 * times are dropped. A view is its name, comment, columns' names and comments and its query ({@link #viewText}).
 */
final class MaxComputeStoredForm implements UnaryOperator<CatalogObject> {

    @Override
    public CatalogObject apply(CatalogObject object) {
        if (object instanceof Database d) {
            boolean schema = d.name().contains(".");
            return new Database(
                    lower(d.name()),
                    schema ? d.description().filter(x -> !x.isEmpty()) : Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    Optional.empty());
        }
        if (object instanceof Table t) {
            return table(t);
        }
        if (object instanceof Partition p) {
            return MaxComputeModelConverter.partition(lower(p.databaseName()), lower(p.tableName()), p.values());
        }
        return object;
    }

    private static Table table(Table t) {
        if (t.isView()) {
            return view(t);
        }
        List<Column> columns =
                t.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
        return Table.builder(lower(t.databaseName()), lower(t.name()))
                .description(t.description().filter(d -> !d.isEmpty()).orElse(null))
                .retention(Math.max(0, t.retention()))
                .storageDescriptor(
                        StorageDescriptor.builder().columns(columns(columns)).build())
                .partitionKeys(columns(t.partitionKeys()))
                .tableType(t.isView() ? "VIRTUAL_VIEW" : tableType(t))
                .build();
    }

    /**
     * A view as MaxCompute keeps it: its name, comment, columns' names and comments (MaxCompute derives their types
     * from the query, so the source's types say nothing about them), and its query with whitespace collapsed.
     */
    private static Table view(Table t) {
        List<Column> columns = t.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of()).stream()
                .map(c -> new Column(lower(c.name()), "", c.comment().filter(x -> !x.isEmpty()), Map.of()))
                .toList();
        return Table.builder(lower(t.databaseName()), lower(t.name()))
                .description(t.description().filter(d -> !d.isEmpty()).orElse(null))
                .storageDescriptor(StorageDescriptor.builder().columns(columns).build())
                .tableType("VIRTUAL_VIEW")
                .viewExpandedText(t.viewExpandedText()
                        .or(t::viewOriginalText)
                        .map(MaxComputeStoredForm::viewText)
                        .orElse(null))
                .build();
    }

    /**
     * A view's query compared as text: runs of whitespace outside quotes become one space, no trailing {@code ;}. Two
     * texts that differ only in layout are the same view.
     */
    static String viewText(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        boolean space = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
                    out.append(sql.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            }
            out.append(c);
        }
        String text = out.toString();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        return text;
    }

    private static String tableType(Table t) {
        String type = t.tableType().orElse("MANAGED_TABLE");
        // What Lakeport creates is a managed table whatever the source called it.
        return type.equals("VIRTUAL_VIEW") || type.equals("MATERIALIZED_VIEW") ? type : "MANAGED_TABLE";
    }

    private static List<Column> columns(List<Column> columns) {
        return columns.stream()
                .map(c -> new Column(
                        lower(c.name()),
                        MaxComputeSql.type(c.type()),
                        c.comment().filter(x -> !x.isEmpty()),
                        Map.of()))
                .toList();
    }

    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
