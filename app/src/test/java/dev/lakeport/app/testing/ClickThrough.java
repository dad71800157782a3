package dev.lakeport.app.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the click-through tests do between clicks: wait on the window's state, pick a tree row, take a screenshot. */
public final class ClickThrough {
    private ClickThrough() {}

    /** Waits up to {@code seconds} for {@code condition}, evaluated on the FX thread, then for pending FX events. */
    public static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(
                seconds,
                TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
                    try {
                        return condition.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects {@code item} in {@code tree} and gives the tree the focus, as a click on the row would. */
    @SuppressWarnings("unchecked")
    public static <T> void selectIn(TreeView<T> tree, TreeItem<?> item) {
        tree.getSelectionModel().select((TreeItem<T>) item);
        tree.requestFocus();
    }

    /** A screenshot of the first window, once it is laid out, as {@code docs/images/<name>.png}. */
    public static void shot(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), name));
    }
}
