package dev.lakeport.app.pages.scope;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One entry of {@code location.convertMap}: a source prefix, what replaces it, and what is wrong or odd about it. */
public final class LocationMappingRow {
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty destination = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");

    LocationMappingRow(String source, String destination) {
        this.source.set(source);
        this.destination.set(destination);
    }

    /** e.g. {@code s3://bucket/warehouse/}. */
    public StringProperty sourceProperty() {
        return source;
    }

    /** e.g. {@code oss://bucket/warehouse/}. */
    public StringProperty destinationProperty() {
        return destination;
    }

    /** Why the entry cannot be used; empty when it can. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What is probably not meant although the entry can be used. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public String source() {
        return source.get().trim();
    }

    public String destination() {
        return destination.get().trim();
    }

    void setProblems(String errorText, String warningText) {
        error.set(errorText);
        warning.set(warningText);
    }

    boolean isBlank() {
        return source().isEmpty() && destination().isEmpty();
    }
}
