package dev.lakeport.localcopy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.orc.TypeDescription;

/**
 * Text files: Hive's delimited text (LazySimpleSerDe, with its separators per nesting level, escape character and null
 * text) and CSV (OpenCSVSerde, parsed by commons-csv). Files ending in {@code .gz} are decompressed. Header lines
 * ({@code skip.header.line.count}) are skipped in each file, as Hive does. A file is counted by its records.
 */
abstract class TextFormat implements FormatReader {
    private final int headerLines;
    private final Charset charset;

    TextFormat(int headerLines, Charset charset) {
        this.headerLines = headerLines;
        this.charset = charset;
    }

    static TextFormat lazySimple(Map<String, String> serde, int headerLines) {
        return new LazySimple(serde, headerLines);
    }

    static TextFormat openCsv(Map<String, String> serde, int headerLines) {
        return new OpenCsv(serde, headerLines);
    }

    Reader reader(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream in = Files.newInputStream(file);
        try {
            if (name.endsWith(".gz")) {
                in = new GZIPInputStream(in, 65536);
            } else if (name.endsWith(".bz2")
                    || name.endsWith(".snappy")
                    || name.endsWith(".lz4")
                    || name.endsWith(".zst")
                    || name.endsWith(".deflate")
                    || name.endsWith(".lzo")) {
                throw new UnreadableTableException("The text file " + file
                        + " is compressed with a codec read only by the Spark job (gzip is read here)");
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new InputStreamReader(in, charset);
    }

    int headerLines() {
        return headerLines;
    }

    /** Delimited text as LazySimpleSerDe writes it. */
    static final class LazySimple extends TextFormat {
        private final char[] separators;
        private final Character escape;
        private final String nullText;

        LazySimple(Map<String, String> serde, int headerLines) {
            super(headerLines, charsetOf(serde));
            String format = serde.get("serialization.format");
            char field = delimiter(serde.get("field.delim"), delimiter(format, '\001'));
            char collection = delimiter(serde.getOrDefault("collection.delim", serde.get("colelction.delim")), '\002');
            char mapKey = delimiter(serde.get("mapkey.delim"), '\003');
            separators = new char[] {field, collection, mapKey, '\004', '\005', '\006', '\007', '\010'};
            String esc = serde.get("escape.delim");
            escape = esc == null || esc.isEmpty() ? null : delimiter(esc, '\\');
            nullText = serde.getOrDefault("serialization.null.format", "\\N");
        }

        /** Hive's rule: a number is a byte value ({@code 1} is {@code \001}, {@code 9} a tab), else the first char. */
        private static char delimiter(String value, char otherwise) {
            if (value == null || value.isEmpty()) {
                return otherwise;
            }
            try {
                return (char) (Byte.parseByte(value) & 0xff);
            } catch (NumberFormatException e) {
                return value.charAt(0);
            }
        }

        @Override
        public long count(Path file) throws IOException {
            try (BufferedReader in = new BufferedReader(reader(file), 65536)) {
                long n = 0;
                while (in.readLine() != null) {
                    n++;
                }
                return Math.max(0, n - headerLines());
            }
        }

        @Override
        public RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException {
            BufferedReader in = new BufferedReader(reader(file), 65536);
            try {
                for (int i = 0; i < headerLines(); i++) {
                    in.readLine();
                }
            } catch (IOException e) {
                in.close();
                throw e;
            }
            return new RowIterator() {
                private String line;

                @Override
                public boolean hasNext() {
                    if (line == null) {
                        try {
                            line = in.readLine();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    return line != null;
                }

                @Override
                public Object[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    List<String> fields = split(line, separators[0], Integer.MAX_VALUE);
                    line = null;
                    Object[] row = new Object[types.size()];
                    for (int i = 0; i < row.length && i < fields.size(); i++) {
                        row[i] = value(fields.get(i), types.get(i), 1);
                    }
                    return row;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        private Object value(String raw, TypeDescription type, int level) {
            if (raw.equals(nullText)) {
                return null;
            }
            switch (type.getCategory()) {
                case LIST -> {
                    List<Object> list = new ArrayList<>();
                    if (!raw.isEmpty()) {
                        for (String e : split(raw, separator(level), Integer.MAX_VALUE)) {
                            list.add(value(e, type.getChildren().get(0), level + 1));
                        }
                    }
                    return list;
                }
                case MAP -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    if (!raw.isEmpty()) {
                        for (String e : split(raw, separator(level), Integer.MAX_VALUE)) {
                            List<String> kv = split(e, separator(level + 1), 2);
                            Object key = value(kv.get(0), type.getChildren().get(0), level + 2);
                            Object v = kv.size() > 1
                                    ? value(kv.get(1), type.getChildren().get(1), level + 2)
                                    : null;
                            map.put(key, v);
                        }
                    }
                    return map;
                }
                case STRUCT -> {
                    List<String> parts = split(raw, separator(level), Integer.MAX_VALUE);
                    Map<String, Object> struct = new LinkedHashMap<>();
                    for (int i = 0; i < type.getChildren().size(); i++) {
                        struct.put(
                                type.getFieldNames().get(i),
                                i < parts.size()
                                        ? value(parts.get(i), type.getChildren().get(i), level + 1)
                                        : null);
                    }
                    return struct;
                }
                case UNION -> {
                    return null;
                }
                default -> {
                    return Values.parse(unescape(raw), type);
                }
            }
        }

        private char separator(int level) {
            return separators[Math.min(level, separators.length - 1)];
        }

        /** Splits at unescaped separators, into at most {@code limit} parts (the last keeps the rest). */
        private List<String> split(String s, char separator, int limit) {
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < s.length() && parts.size() < limit - 1; i++) {
                char c = s.charAt(i);
                if (escape != null && c == escape) {
                    i++;
                } else if (c == separator) {
                    parts.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(s.substring(start));
            return parts;
        }

        private String unescape(String s) {
            if (escape == null || s.indexOf(escape) < 0) {
                return s;
            }
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == escape && i + 1 < s.length()) {
                    char next = s.charAt(++i);
                    b.append(next == 'r' ? '\r' : next == 'n' ? '\n' : next);
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    /** CSV as OpenCSVSerde reads it: every field is text, converted to the column's type. */
    static final class OpenCsv extends TextFormat {
        private final CSVFormat format;

        OpenCsv(Map<String, String> serde, int headerLines) {
            super(headerLines, charsetOf(serde));
            char separator = first(serde.get("separatorChar"), ',');
            char quote = first(serde.get("quoteChar"), '"');
            // Hive's default escape is opencsv's writer's, the double quote.
            char escape = first(serde.get("escapeChar"), '"');
            CSVFormat.Builder b =
                    CSVFormat.DEFAULT.builder().setDelimiter(separator).setQuote(quote);
            // commons-csv takes a doubled quote as the quote itself; a separate escape character only when it differs.
            b.setEscape(escape == quote ? null : escape);
            format = b.build();
        }

        private static char first(String value, char otherwise) {
            return value == null || value.isEmpty() ? otherwise : value.charAt(0);
        }

        @Override
        public long count(Path file) throws IOException {
            try (CSVParser parser = format.parse(reader(file))) {
                long n = 0;
                for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); it.next()) {
                    n++;
                }
                return Math.max(0, n - headerLines());
            }
        }

        @Override
        public RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException {
            CSVParser parser = format.parse(reader(file));
            Iterator<CSVRecord> records = parser.iterator();
            for (int i = 0; i < headerLines() && records.hasNext(); i++) {
                records.next();
            }
            return new RowIterator() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Object[] next() {
                    CSVRecord r = records.next();
                    Object[] row = new Object[types.size()];
                    for (int i = 0; i < row.length && i < r.size(); i++) {
                        row[i] = Values.parse(r.get(i), types.get(i));
                    }
                    return row;
                }

                @Override
                public void close() throws IOException {
                    parser.close();
                }
            };
        }
    }

    static Charset charsetOf(Map<String, String> serde) {
        String encoding = serde.get("serialization.encoding");
        try {
            return encoding == null || encoding.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(encoding.trim());
        } catch (IllegalArgumentException e) {
            throw new UnreadableTableException(
                    "serialization.encoding names no known character set: '" + encoding + "'");
        }
    }
}
