package dev.lakeport.app.pages.browse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What the details pane shows for one object: a title, what kind of object it is, and sections of facts. */
public record Details(String title, String kind, List<Section> sections) {
    public Details {
        requireNonNull(title, "title is null");
        requireNonNull(kind, "kind is null");
        sections = List.copyOf(sections);
    }

    /** How a section is laid out. */
    public enum Layout {
        /** Name: value lines. */
        FIELDS,
        /** A key / value table (parameters). */
        KEY_VALUES,
        /** A name / type / comment table (columns, partition keys). */
        COLUMNS
    }

    /** How a value reads. */
    public enum Tone {
        PLAIN,
        /** Paths, class names, texts a user copies. */
        CODE,
        /** Something to look at: a location the mapping does not cover. */
        WARNING
    }

    public record Field(String name, String value, Tone tone) {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            requireNonNull(tone, "tone is null");
        }
    }

    public record ColumnRow(String name, String type, String comment) {
        public ColumnRow {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(comment, "comment is null");
        }
    }

    public record Section(String title, Layout layout, List<Field> fields, List<ColumnRow> columns) {
        public Section {
            requireNonNull(title, "title is null");
            requireNonNull(layout, "layout is null");
            fields = List.copyOf(fields);
            columns = List.copyOf(columns);
        }

        static Section fields(String title, List<Field> fields) {
            return new Section(title, Layout.FIELDS, fields, List.of());
        }

        static Section keyValues(String title, List<Field> fields) {
            return new Section(title, Layout.KEY_VALUES, fields, List.of());
        }

        static Section columns(String title, List<ColumnRow> columns) {
            return new Section(title, Layout.COLUMNS, List.of(), columns);
        }

        /** The value of the field named {@code name}, for tests and lookups. */
        public java.util.Optional<String> value(String name) {
            return fields.stream()
                    .filter(f -> f.name().equals(name))
                    .map(Field::value)
                    .findFirst();
        }
    }

    /** The section titled {@code title}, if there is one. */
    public java.util.Optional<Section> section(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst();
    }
}
