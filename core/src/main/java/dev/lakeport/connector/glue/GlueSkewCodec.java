package dev.lakeport.connector.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Glue stores a skewed-value tuple as one string: each value prefixed by its length and {@code $} (the Glue Hive
 * client writes {@code ["a","xyz"]} as {@code 1$a3$xyz}). Decoding is strict: a string decodes only if encoding the
 * result gives it back and the tuple has one value per skewed column, so a plain value written by another engine is
 * never misread.
 */
final class GlueSkewCodec {
    private GlueSkewCodec() {}

    static String encode(List<String> tuple) {
        StringBuilder sb = new StringBuilder();
        for (String value : tuple) {
            sb.append(value.length()).append('$').append(value);
        }
        return sb.toString();
    }

    /** The tuple {@code encoded} stands for, or empty if it is not a well-formed tuple of {@code arity} values. */
    static Optional<List<String>> decode(String encoded, int arity) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < encoded.length()) {
            int dollar = encoded.indexOf('$', i);
            if (dollar <= i || dollar - i > 9) {
                return Optional.empty();
            }
            int length;
            try {
                length = Integer.parseInt(encoded.substring(i, dollar));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int end = dollar + 1 + length;
            if (length < 0 || end > encoded.length()) {
                return Optional.empty();
            }
            values.add(encoded.substring(dollar + 1, end));
            i = end;
        }
        if (values.isEmpty()
                || (arity > 0 && values.size() != arity)
                || !encode(values).equals(encoded)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(values));
    }
}
