package dev.lakeport.app.pages.scope;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One {@code aws.partition.filter.<db>.<table>} setting as an editable row: the table, the expression, what is wrong
 * with them (with the position for a syntax error) and how many of the table's loaded partitions match.
 */
public final class PartitionFilterRow {
    private final StringProperty table = new SimpleStringProperty("");
    private final StringProperty expression = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper caret = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bindError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper matches = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper counting = new ReadOnlyBooleanWrapper();
    /** Bumped on every edit and recount, so an answer for an older text is dropped. */
    long generation;

    PartitionFilterRow(String table, String expression) {
        this.table.set(table);
        this.expression.set(expression);
    }

    /** {@code db.table}. */
    public StringProperty tableProperty() {
        return table;
    }

    public StringProperty expressionProperty() {
        return expression;
    }

    /** Why the row cannot be used; empty when it can. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** For a syntax error: the expression and a caret under the position, in two lines; empty otherwise. */
    public ReadOnlyStringProperty caretProperty() {
        return caret.getReadOnlyProperty();
    }

    /** The filter does not fit the loaded table (an unknown key, a literal of the wrong type). */
    public ReadOnlyStringProperty bindErrorProperty() {
        return bindError.getReadOnlyProperty();
    }

    /** What the user should know although the filter can be used (e.g. its database is not in scope). */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** How many loaded partitions match, in words; empty before a count. */
    public ReadOnlyStringProperty matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty countingProperty() {
        return counting.getReadOnlyProperty();
    }

    public String table() {
        return table.get().trim();
    }

    public String expression() {
        return expression.get().trim();
    }

    void setError(String text, String caretText) {
        error.set(text);
        caret.set(caretText);
    }

    void setWarning(String text) {
        warning.set(text);
    }

    void setBindError(String text) {
        bindError.set(text);
    }

    void setMatches(String text) {
        matches.set(text);
    }

    void setCounting(boolean value) {
        counting.set(value);
    }

    /** Whether the row holds something to save or to complain about. */
    boolean isBlank() {
        return table().isEmpty() && expression().isEmpty();
    }
}
