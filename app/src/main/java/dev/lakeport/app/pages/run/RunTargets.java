package dev.lakeport.app.pages.run;

import java.util.List;

/** Makes the Run page's targets from the open project's settings: this computer, then its cluster profiles. */
public interface RunTargets {
    /**
     * Every target, this computer first; {@code watcher} hears the Spark jobs the targets run.
     *
     * @throws IllegalArgumentException if a saved cluster profile is invalid (the message names the setting)
     */
    List<RunTarget> create(JobWatcher watcher);

    /** This computer alone: what the page offers when the profiles cannot be read. */
    List<RunTarget> direct();

    /** A fixed list of targets (tests, and a page without a project's profiles). */
    static RunTargets of(RunTarget first, RunTarget... more) {
        List<RunTarget> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return new RunTargets() {
            @Override
            public List<RunTarget> create(JobWatcher watcher) {
                return List.copyOf(all);
            }

            @Override
            public List<RunTarget> direct() {
                return List.of(first);
            }
        };
    }
}
