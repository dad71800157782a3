package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The one way Lakeport reads a properties file a user gives it (the command line's {@code --config}, the desktop's
 * import, the Spark job's settings). Editors save such files in more than one encoding: a UTF-8 byte-order mark would
 * otherwise glue itself to the first key (so {@code aws.databases} silently vanished and the scope widened to every
 * database), and UTF-16 text fails deep inside the parser. So: a UTF-8, UTF-16LE or UTF-16BE byte-order mark is
 * honoured and dropped; text without one must be UTF-8. Anything else is refused with the reason and the byte offset,
 * so a user knows what to fix; nothing is guessed.
 */
public final class PropertiesText {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    private PropertiesText() {}

    /**
     * Reads a file's text.
     *
     * @throws ConfigException naming the file and what is wrong with its bytes (with the offset), or why it cannot be
     *     read
     */
    public static String read(Path file) {
        requireNonNull(file, "file is null");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem(file.toString(), "cannot be read: " + e);
        }
        return decode(bytes, file.toString());
    }

    /** Reads a file into its keys and values, in the file's order (a later line wins, as in {@link Properties}). */
    public static Map<String, String> readMap(Path file) {
        return parse(read(file), file.toString());
    }

    /**
     * Decodes a properties file's bytes; {@code source} names it in messages.
     *
     * @throws ConfigException when the bytes are neither UTF-8 nor text with a UTF-16 byte-order mark
     */
    public static String decode(byte[] bytes, String source) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(source, "source is null");
        if (startsWith(bytes, UTF8_BOM)) {
            return decode(bytes, UTF8_BOM.length, StandardCharsets.UTF_8, source, "UTF-8 (with a byte-order mark)");
        }
        if (startsWith(bytes, UTF16LE_BOM)) {
            return decode(bytes, UTF16LE_BOM.length, StandardCharsets.UTF_16LE, source, "UTF-16LE");
        }
        if (startsWith(bytes, UTF16BE_BOM)) {
            return decode(bytes, UTF16BE_BOM.length, StandardCharsets.UTF_16BE, source, "UTF-16BE");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw problem(
                        source,
                        "holds a NUL byte at byte offset " + i + ": it looks like UTF-16 without a byte-order mark;"
                                + " save it as UTF-8");
            }
        }
        return decode(bytes, 0, StandardCharsets.UTF_8, source, "UTF-8");
    }

    /** Parses properties text into its keys and values in the text's order. */
    public static Map<String, String> parse(String text, String source) {
        requireNonNull(text, "text is null");
        Map<String, String> values = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                values.remove((String) key);
                values.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw problem(source, "cannot be read: " + e.getMessage());
        }
        return values;
    }

    private static String decode(byte[] bytes, int start, Charset charset, String source, String encoding) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            StringBuilder found = new StringBuilder();
            for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, result.length())); i++) {
                found.append(found.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
            }
            String hint = charset.equals(StandardCharsets.UTF_8) && start == 0
                    ? "; save the file as UTF-8 (or as UTF-16 with a byte-order mark)"
                    : "; save the file again as UTF-8";
            throw problem(
                    source,
                    "is not valid " + encoding + ": byte offset " + offset + " (" + found + ") "
                            + (result.isMalformed() ? "is not a character" : "cannot be read") + hint);
        }
        out.flip();
        return out.toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ConfigException problem(String source, String problem) {
        return new ConfigException(source, List.of(new ConfigProblem(source, problem)));
    }
}
