package dev.lakeport.launch;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a job's listener hears. */
final class CollectingListener implements JobListener {
    final List<JobState> states = new CopyOnWriteArrayList<>();
    final List<JobProgress> progress = new CopyOnWriteArrayList<>();
    final List<JobSummary> summaries = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(JobState state, Optional<String> applicationId) {
        states.add(state);
    }

    @Override
    public void progress(JobProgress p) {
        progress.add(p);
    }

    @Override
    public void summary(JobSummary s) {
        summaries.add(s);
    }

    @Override
    public void logLine(String line) {
        lines.add(line);
    }

    List<String> phases() {
        return progress.stream().map(JobProgress::phase).distinct().toList();
    }
}
