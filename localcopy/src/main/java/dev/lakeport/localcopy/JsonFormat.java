package dev.lakeport.localcopy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.apache.orc.TypeDescription;

/**
 * JSON tables (Hive's and HCatalog's JsonSerDe, the OpenX JsonSerDe): one object per line, parsed with Jackson; keys are
 * matched to columns ignoring case. Numbers are read as exact decimals so that a {@code decimal(38,18)} keeps every
 * digit. Text columns of other types parse as in text files (dates {@code yyyy-MM-dd}, timestamps
 * {@code yyyy-MM-dd HH:mm:ss.fffffffff}, binary as base64). Blank lines are no records.
 */
final class JsonFormat implements FormatReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private static BufferedReader lines(Path file) throws IOException {
        var in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in, 65536);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 65536);
    }

    @Override
    public long count(Path file) throws IOException {
        try (BufferedReader in = lines(file)) {
            long n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    n++;
                }
            }
            return n;
        }
    }

    @Override
    public RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException {
        BufferedReader in = lines(file);
        return new RowIterator() {
            private String line;
            private long number;

            @Override
            public boolean hasNext() {
                try {
                    while (line == null) {
                        String l = in.readLine();
                        if (l == null) {
                            return false;
                        }
                        number++;
                        if (!l.isBlank()) {
                            line = l;
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new UnreadableTableException(
                            "Line " + number + " of " + file + " is not JSON: " + e.getOriginalMessage());
                }
                line = null;
                if (!node.isObject()) {
                    throw new UnreadableTableException("Line " + number + " of " + file + " is not a JSON object");
                }
                Map<String, JsonNode> fields = lowerCaseFields(node);
                Object[] row = new Object[names.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(fields.get(names.get(i)), types.get(i));
                }
                return row;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static Map<String, JsonNode> lowerCaseFields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        return out;
    }

    private static Object value(JsonNode node, TypeDescription type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (type.getCategory()) {
            case LIST -> {
                if (!node.isArray()) {
                    return null;
                }
                List<Object> list = new ArrayList<>();
                for (JsonNode e : node) {
                    list.add(value(e, type.getChildren().get(0)));
                }
                return list;
            }
            case MAP -> {
                if (!node.isObject()) {
                    return null;
                }
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(
                            Values.parse(e.getKey(), type.getChildren().get(0)),
                            value(e.getValue(), type.getChildren().get(1)));
                }
                return map;
            }
            case STRUCT -> {
                if (!node.isObject()) {
                    return null;
                }
                Map<String, JsonNode> fields = lowerCaseFields(node);
                Map<String, Object> struct = new LinkedHashMap<>();
                for (int i = 0; i < type.getFieldNames().size(); i++) {
                    String name = type.getFieldNames().get(i);
                    struct.put(
                            name,
                            value(
                                    fields.get(name.toLowerCase(Locale.ROOT)),
                                    type.getChildren().get(i)));
                }
                return struct;
            }
            case UNION -> {
                return null;
            }
            default -> {
                if (node.isNumber()) {
                    return Values.coerce(node.numberValue(), type);
                }
                if (node.isBoolean()) {
                    return Values.coerce(node.booleanValue(), type);
                }
                if (node.isTextual()) {
                    return Values.parse(node.textValue(), type);
                }
                return Values.parse(node.toString(), type);
            }
        }
    }
}
