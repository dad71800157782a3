package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import dev.lakeport.snapshot.DatabaseSummary;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/** A source database as the snapshot holds it, and whether the run covers it ({@code aws.databases}). */
public final class DatabaseChoice {
    private final DatabaseSummary summary;
    private final BooleanProperty checked = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper excluded = new ReadOnlyBooleanWrapper();

    DatabaseChoice(DatabaseSummary summary) {
        this.summary = requireNonNull(summary, "summary is null");
    }

    public String name() {
        return summary.name();
    }

    public long tables() {
        return summary.tables();
    }

    public long partitions() {
        return summary.partitions();
    }

    public long functions() {
        return summary.functions();
    }

    /** Checking or unchecking rewrites {@code aws.databases}. */
    public BooleanProperty checkedProperty() {
        return checked;
    }

    /** Named by {@code lakeport.databases.exclude}: never migrated, whatever the check says. */
    public ReadOnlyBooleanProperty excludedProperty() {
        return excluded.getReadOnlyProperty();
    }

    void setExcluded(boolean value) {
        excluded.set(value);
    }

    @Override
    public String toString() {
        return summary.name();
    }
}
