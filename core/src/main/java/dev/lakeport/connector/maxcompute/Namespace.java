package dev.lakeport.connector.maxcompute;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a Lakeport database lives in MaxCompute: a project ({@code proj_a}) or, in a project with the three-layer model,
 * one of its schemas ({@code proj_a.finance}). The text form is the database's name.
 */
public record Namespace(String project, Optional<String> schema) {
    /** MaxCompute's names: a letter, then letters, digits and underscores, at most 128 bytes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    public Namespace {
        requireNonNull(project, "project is null");
        schema = schema == null ? Optional.empty() : schema;
    }

    public static Namespace of(String project) {
        return new Namespace(project, Optional.empty());
    }

    public static Namespace of(String project, String schema) {
        return new Namespace(project, Optional.of(schema));
    }

    /**
     * {@code project} or {@code project.schema}, lower-cased as MaxCompute keeps names.
     *
     * @throws IllegalArgumentException saying which part is not a valid name
     */
    public static Namespace parse(String text) {
        requireNonNull(text, "text is null");
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a project or project.schema (it has " + parts.length + " parts)");
        }
        for (String part : parts) {
            if (!isName(part)) {
                throw new IllegalArgumentException("'" + text + "': '" + part
                        + "' is not a MaxCompute name (a letter, then letters, digits or _, at most 128)");
            }
        }
        String project = parts[0].toLowerCase(Locale.ROOT);
        return parts.length == 1 ? of(project) : of(project, parts[1].toLowerCase(Locale.ROOT));
    }

    /** A database name as a namespace, or empty when it cannot be one (so it cannot exist). */
    static Optional<Namespace> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    /** The schema the SDK is given: null for a project without schemas. */
    String sdkSchema() {
        return schema.orElse(null);
    }

    /** {@code `proj`.`schema`.`table`} (or {@code `proj`.`table`}), as SQL names a table here. */
    String sqlTable(String table) {
        return MaxComputeSql.name(project)
                + schema.map(s -> "." + MaxComputeSql.name(s)).orElse("") + "." + MaxComputeSql.name(table);
    }

    @Override
    public String toString() {
        return project + schema.map(s -> "." + s).orElse("");
    }
}
