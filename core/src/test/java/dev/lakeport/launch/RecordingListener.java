package dev.lakeport.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every event it hears, in order, as text and as values. */
final class RecordingListener implements JobListener {
    final List<String> events = new ArrayList<>();
    final List<JobState> states = new ArrayList<>();
    final List<JobProgress> progress = new ArrayList<>();
    final List<JobSummary> summaries = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void stateChanged(JobState state, Optional<String> applicationId) {
        states.add(state);
        events.add("state " + state + applicationId.map(a -> " " + a).orElse(""));
    }

    @Override
    public synchronized void progress(JobProgress p) {
        progress.add(p);
        events.add("progress " + p.phase() + " " + p.done());
    }

    @Override
    public synchronized void summary(JobSummary s) {
        summaries.add(s);
        events.add("summary" + s.error().map(e -> " " + e).orElse(""));
    }

    @Override
    public synchronized void logLine(String line) {
        lines.add(line);
        events.add("log " + line);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<JobState> states() {
        return List.copyOf(states);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<JobProgress> progress() {
        return List.copyOf(progress);
    }

    synchronized List<JobSummary> summaries() {
        return List.copyOf(summaries);
    }
}
