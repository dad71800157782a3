package dev.lakeport.filter;

import static java.util.Objects.requireNonNull;

/**
 * A partition filter that does not parse. The message reads
 * {@code position 7: expected a value after '>=' but found end of input}, followed by the expression and a caret
 * under the position, so it can be shown as is in the CLI and the wizard.
 */
public class FilterSyntaxException extends IllegalArgumentException {
    private final String expression;
    private final int position;
    private final String expected;
    private final String found;

    public FilterSyntaxException(String expression, int position, String expected, String found) {
        super(format(expression, position, expected, found));
        this.expression = requireNonNull(expression, "expression is null");
        this.position = position;
        this.expected = requireNonNull(expected, "expected is null");
        this.found = requireNonNull(found, "found is null");
    }

    /** The text that failed to parse. */
    public String expression() {
        return expression;
    }

    /** 0-based character offset of the problem in {@link #expression()}. */
    public int position() {
        return position;
    }

    /** What the parser was looking for, e.g. {@code a value after '>='}. */
    public String expected() {
        return expected;
    }

    /** What it saw instead, e.g. {@code end of input} or {@code 'AND'}. */
    public String found() {
        return found;
    }

    /** One line without the caret drawing, for places that show a single line (e.g. a config problem list). */
    public String summary() {
        return summary(position, expected, found);
    }

    private static String summary(int position, String expected, String found) {
        return "position " + position + ": expected " + expected + " but found " + found;
    }

    private static String format(String expression, int position, String expected, String found) {
        // Tabs and line breaks would shift the caret, so they are shown as spaces.
        String shown = expression.replaceAll("[\\t\\r\\n]", " ");
        return summary(position, expected, found) + "\n  " + shown + "\n  " + " ".repeat(Math.max(0, position)) + "^";
    }
}
