package dev.lakeport.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FxTaskRunnerTest {
    private final FxTaskRunner runner = new FxTaskRunner();

    @Start
    void start(Stage stage) {}

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void workRunsOffTheFxThreadAndCallbacksOnIt() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> runner.task("sum", scope -> {
                    events.add("work on fx: " + Platform.isFxApplicationThread());
                    scope.phase("count", 3);
                    scope.advance(3, 0);
                    return 42;
                })
                .onSuccess(v -> events.add("success " + v + " on fx: " + Platform.isFxApplicationThread()))
                .onFinished(() -> {
                    events.add("finished");
                    finished.countDown();
                })
                .start());
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("work on fx: false", "success 42 on fx: true", "finished");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runner.running()).isEmpty();
    }

    @Test
    void aCancelledTaskEndsAsCancelledNotAsAFailure() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        TaskInfo[] info = new TaskInfo[1];
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(() -> {
            info[0] = runner.task("endless", scope -> {
                        started.countDown();
                        while (true) {
                            scope.cancellation().check();
                            Thread.sleep(5);
                        }
                    })
                    .onFailure(e -> events.add("failure"))
                    .onCancelled(() -> events.add("cancelled"))
                    .onFinished(finished::countDown)
                    .start();
            return true;
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runner.running()).hasSize(1);
        info[0].cancel();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("cancelled");
        assertThat(info[0].stateProperty().get()).isEqualTo(TaskInfo.State.CANCELLED);
    }

    @Test
    void aFailureReachesTheFailureCallback() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        WaitForAsyncUtils.asyncFx(() -> runner.task("broken", scope -> {
                    throw new IllegalStateException("boom");
                })
                .onFailure(errors::add)
                .onFinished(finished::countDown)
                .start());
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasMessage("boom"));
    }
}
