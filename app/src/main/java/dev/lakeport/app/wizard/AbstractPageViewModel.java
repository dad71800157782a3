package dev.lakeport.app.wizard;

import static java.util.Objects.requireNonNull;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The state every page view model keeps for the wizard. */
public abstract class AbstractPageViewModel implements PageViewModel {
    private final Step step;
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper attention = new ReadOnlyStringWrapper("");

    protected AbstractPageViewModel(Step step) {
        this.step = requireNonNull(step, "step is null");
    }

    @Override
    public final Step step() {
        return step;
    }

    @Override
    public final ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    @Override
    public final ReadOnlyBooleanProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    @Override
    public final ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    @Override
    public final ReadOnlyStringProperty attentionProperty() {
        return attention.getReadOnlyProperty();
    }

    /** Marks the step as needing attention because of {@code why}; empty clears the mark. */
    protected final void setAttention(String why) {
        attention.set(requireNonNull(why, "why is null"));
    }

    /** Valid with no problem. */
    protected final void setValid() {
        problem.set("");
        valid.set(true);
    }

    /** Not valid, because of {@code why}. */
    protected final void setInvalid(String why) {
        problem.set(requireNonNull(why, "why is null"));
        valid.set(false);
    }

    protected final void setComplete(boolean value) {
        complete.set(value);
    }
}
