package dev.lakeport.launch;

import static dev.lakeport.launch.JobRecordsTest.progress;
import static dev.lakeport.launch.JobRecordsTest.summary;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobTrackerTest {
    private final RecordingListener listener = new RecordingListener();
    private final JobTracker tracker = new JobTracker("r1", listener, List.of());

    @Test
    void aJobThatFinishesWithACleanSummaryIsHeardInOrder() throws InterruptedException {
        tracker.state(JobState.SUBMITTED);
        tracker.applicationId("application_1_0001");
        tracker.state(JobState.RUNNING);
        tracker.line("24/05/01 INFO SparkContext: Running Spark version 3.5.7");
        tracker.line("INFO " + JobRecords.toLogLine(progress("r1", JobProgress.EXTRACT, 10, 100, 5)));
        tracker.line(JobRecords.toLogLine(progress("r1", JobProgress.LOAD, 40, 100, 8)));
        tracker.state(JobState.SUBMITTED);
        tracker.line(JobRecords.toLogLine(summary("r1", Optional.empty())));
        tracker.ended(JobState.FINISHED, Optional.empty(), true);

        assertThat(listener.events())
                .containsExactly(
                        "state SUBMITTED",
                        "state SUBMITTED application_1_0001",
                        "state RUNNING application_1_0001",
                        "log 24/05/01 INFO SparkContext: Running Spark version 3.5.7",
                        "progress extract 10",
                        "progress load 40",
                        "summary",
                        "state FINISHED application_1_0001");
        assertThat(tracker.await(Duration.ZERO)).isEqualTo(JobState.FINISHED);
        assertThat(tracker.lastProgress()).map(JobProgress::done).contains(40L);
        assertThat(tracker.lastProgress().flatMap(JobProgress::eta)).contains(Duration.ofMillis(7_500));
        assertThat(tracker.summary()).contains(summary("r1", Optional.empty()));
        assertThat(tracker.error()).isEmpty();
        assertThat(tracker.logTail(10))
                .as("records are events, not log lines")
                .containsExactly("24/05/01 INFO SparkContext: Running Spark version 3.5.7");
    }

    @Test
    void aFinishedApplicationWhoseSummaryHoldsAnErrorFailedWithThatError() {
        tracker.record(summary("r1", Optional.of("DLF at 127.0.0.1:1 is unreachable")));
        tracker.ended(JobState.FINISHED, Optional.empty(), true);

        assertThat(tracker.state()).isEqualTo(JobState.FAILED);
        assertThat(tracker.error()).contains("DLF at 127.0.0.1:1 is unreachable");
        assertThat(listener.states()).containsExactly(JobState.FAILED);
        assertThat(tracker.logTail(1)).containsExactly("lakeport: the job failed: DLF at 127.0.0.1:1 is unreachable");
    }

    @Test
    void aFinishedApplicationWithoutASummaryFailedWhenItsRecordsReachUs() {
        tracker.record(progress("r1", JobProgress.LOAD, 1, 10, 1));
        tracker.ended(JobState.FINISHED, Optional.empty(), true);

        assertThat(tracker.state()).isEqualTo(JobState.FAILED);
        assertThat(tracker.error()).hasValueSatisfying(e -> assertThat(e).contains("without writing its summary"));
    }

    @Test
    void aFinishedApplicationWithoutASummaryFailedWhenTheLauncherExpectsOne() {
        tracker.expectSummary(true);
        tracker.ended(JobState.FINISHED, Optional.empty(), true);
        assertThat(tracker.state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void aFinishedApplicationWhoseOutputStaysOnTheClusterFinished() {
        tracker.ended(JobState.FINISHED, Optional.empty(), false);
        assertThat(tracker.state()).isEqualTo(JobState.FINISHED);
        assertThat(tracker.error()).isEmpty();
    }

    @Test
    void anEndReportedBeforeTheLastLinesWaitsForTheSummary() {
        tracker.expectSummary(true);
        tracker.state(JobState.RUNNING);
        tracker.ended(JobState.FINISHED, Optional.empty(), false);
        assertThat(tracker.state()).as("waits for the rest of the output").isEqualTo(JobState.RUNNING);

        tracker.line(JobRecords.toLogLine(summary("r1", Optional.empty())));

        assertThat(tracker.state()).isEqualTo(JobState.FINISHED);
        assertThat(listener.states()).containsExactly(JobState.RUNNING, JobState.FINISHED);

        tracker.state(JobState.SUBMITTED);
        assertThat(listener.states()).as("nothing after the end").containsExactly(JobState.RUNNING, JobState.FINISHED);
    }

    @Test
    void anEndReportedBeforeTheLastLinesIsDecidedWhenTheOutputEndsWithoutASummary() {
        tracker.expectSummary(true);
        tracker.ended(JobState.FINISHED, Optional.empty(), false);
        tracker.ended(JobState.FAILED, Optional.of("spark-submit exited with code 1"), true);

        assertThat(tracker.state()).isEqualTo(JobState.FAILED);
        assertThat(tracker.error()).contains("spark-submit exited with code 1");

        JobTracker other = new JobTracker("r2", new RecordingListener(), List.of());
        other.expectSummary(true);
        other.ended(JobState.FAILED, Optional.of("the Spark application failed"), false);
        assertThat(other.state()).isEqualTo(JobState.SUBMITTED);
        other.outputEnded();
        assertThat(other.state()).isEqualTo(JobState.FAILED);
        assertThat(other.error()).contains("the Spark application failed");
    }

    @Test
    void theFinalStateIsReachedExactlyOnceAndNothingChangesAfterIt() {
        AtomicInteger cleanups = new AtomicInteger();
        tracker.onEnd(cleanups::incrementAndGet);
        tracker.ended(JobState.FAILED, Optional.of("boom"), true);
        tracker.ended(JobState.FINISHED, Optional.empty(), true);
        tracker.ended(JobState.KILLED, Optional.empty(), true);
        tracker.outputEnded();
        tracker.state(JobState.RUNNING);
        tracker.record(progress("r1", JobProgress.LOAD, 5, 10, 1));
        tracker.record(summary("r1", Optional.empty()));

        assertThat(listener.states()).containsExactly(JobState.FAILED);
        assertThat(tracker.state()).isEqualTo(JobState.FAILED);
        assertThat(tracker.lastProgress()).isEmpty();
        assertThat(tracker.summary()).isEmpty();
        assertThat(cleanups).hasValue(1);
        tracker.onEnd(cleanups::incrementAndGet);
        assertThat(cleanups).as("added after the end: runs at once").hasValue(2);
    }

    @Test
    void cancellingRunsTheLauncherOnceAndTheEndIsKilled() {
        AtomicInteger cancels = new AtomicInteger();
        tracker.onCancel(cancels::incrementAndGet);
        tracker.state(JobState.RUNNING);
        tracker.cancel();
        tracker.cancel();
        tracker.ended(JobState.FAILED, Optional.of("SparkContext was shut down"), false);

        assertThat(cancels).hasValue(1);
        assertThat(tracker.state()).isEqualTo(JobState.KILLED);
        assertThat(tracker.error()).contains("cancelled");
        tracker.cancel();
        assertThat(cancels).as("no cancel after the end").hasValue(1);
    }

    @Test
    void aJobThatFinishedCleanlyBeforeTheCancelArrivedStaysFinished() {
        tracker.cancel();
        tracker.record(summary("r1", Optional.empty()));
        tracker.ended(JobState.FINISHED, Optional.empty(), true);
        assertThat(tracker.state()).isEqualTo(JobState.FINISHED);
    }

    @Test
    void theLogTailIsBounded() {
        JobTracker small = new JobTracker("r1", listener, List.of(), 3);
        for (int i = 1; i <= 5; i++) {
            small.line("line " + i);
        }
        assertThat(small.logTail(10)).containsExactly("line 3", "line 4", "line 5");
        assertThat(small.logTail(2)).containsExactly("line 4", "line 5");
        assertThat(small.logTail(0)).isEmpty();
        assertThat(listener.lines()).hasSize(5);
    }

    @Test
    void secretValuesAreMaskedInTheLogTheEventsAndTheError() {
        String secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
        RecordingListener heard = new RecordingListener();
        JobTracker masked = new JobTracker("r1", heard, List.of(secret, "x"));
        masked.line("conf spark.lakeport.aws.secret.access.key=" + secret);
        masked.ended(JobState.FAILED, Optional.of("rejected key " + secret), true);

        assertThat(String.join("\n", masked.logTail(10))).doesNotContain(secret).contains("****");
        assertThat(String.join("\n", heard.events())).doesNotContain(secret);
        assertThat(masked.error()).hasValueSatisfying(e -> assertThat(e).doesNotContain(secret));
        assertThat(masked.logTail(10).get(0))
                .as("a one-letter value is not masked everywhere")
                .startsWith("conf spark.lakeport.aws.secret.access.key=");
    }

    @Test
    void theProgressFileHoldsBareRecordsAndItsDamagedLinesAreSkipped() {
        tracker.fileLine(JobRecords.toJson(progress("r1", JobProgress.LOAD, 5, 10, 1)));
        tracker.fileLine("{\"type\":\"progress\",\"runId\":\"r1\",\"pha");
        tracker.fileLine(JobRecords.toJson(summary("r1", Optional.empty())));
        assertThat(listener.events()).containsExactly("progress load 5", "summary");
        assertThat(tracker.logTail(10)).isEmpty();
    }

    @Test
    void recordsOfAnotherRunAreIgnored() {
        tracker.line(JobRecords.toLogLine(progress("other", JobProgress.LOAD, 5, 10, 1)));
        tracker.line(JobRecords.toLogLine(summary("other", Optional.empty())));
        assertThat(tracker.lastProgress()).isEmpty();
        assertThat(tracker.summary()).isEmpty();
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void aListenerThatThrowsStopsNothing() {
        JobListener broken = new JobListener() {
            @Override
            public void progress(JobProgress p) {
                throw new IllegalStateException("listener bug");
            }
        };
        JobTracker t = new JobTracker("r1", broken, List.of());
        t.record(progress("r1", JobProgress.LOAD, 5, 10, 1));
        t.record(summary("r1", Optional.empty()));
        t.ended(JobState.FINISHED, Optional.empty(), true);
        assertThat(t.state()).isEqualTo(JobState.FINISHED);
        assertThat(t.lastProgress()).isPresent();
    }

    @Test
    void submittedIsAnnouncedOnceThoughTheTrackerStartsThere() {
        tracker.state(JobState.SUBMITTED);
        tracker.state(JobState.SUBMITTED);
        tracker.state(JobState.RUNNING);
        tracker.state(JobState.SUBMITTED);
        assertThat(listener.states()).containsExactly(JobState.SUBMITTED, JobState.RUNNING);
    }

    @Test
    void awaitReturnsTheStateWhenTheTimeIsUp() throws InterruptedException {
        tracker.state(JobState.RUNNING);
        assertThat(tracker.await(Duration.ofMillis(20))).isEqualTo(JobState.RUNNING);
    }
}
