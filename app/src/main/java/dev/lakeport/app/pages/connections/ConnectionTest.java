package dev.lakeport.app.pages.connections;

import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.snapshot.Side;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The "Test connection" state of one side: whether it ran, what it answered (a line for the user and the technical
 * detail below it), and the settings it ran with, so a result stops counting once those settings change.
 */
public final class ConnectionTest {
    /** Where a side's test stands. */
    public enum State {
        NOT_TESTED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    private final Side side;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NOT_TESTED);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private Map<String, String> testedSettings = Map.of();
    private TaskInfo running;

    ConnectionTest(Side side) {
        this.side = side;
    }

    public Side side() {
        return side;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** What the test answered, in the user's words; empty before a test. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The catalog's own words for a failure (credentials masked); empty on success. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    void start(Map<String, String> settings, String text, TaskInfo task) {
        testedSettings = Map.copyOf(settings);
        running = task;
        state.set(State.RUNNING);
        message.set(text);
        detail.set("");
    }

    void running(TaskInfo task) {
        running = task;
    }

    void finish(State end, String text, String details) {
        running = null;
        state.set(end);
        message.set(text);
        detail.set(details);
    }

    void reset(String text) {
        if (running != null) {
            running.cancel();
            running = null;
        }
        testedSettings = Map.of();
        state.set(State.NOT_TESTED);
        message.set(text);
        detail.set("");
    }

    void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    Map<String, String> testedSettings() {
        return testedSettings;
    }
}
