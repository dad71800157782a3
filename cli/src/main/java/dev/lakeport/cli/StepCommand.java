package dev.lakeport.cli;

import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that works on a project. Ctrl-C (SIGINT) or SIGTERM cancels the running step gracefully: in-flight calls
 * finish, what was done and what was not run is recorded, the command prints its summary and exits with 130, and the
 * same command resumes later. A second signal stops at once.
 */
abstract class StepCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @ParentCommand
    LakeportCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        CancellationToken cancel = new CancellationToken();
        CountDownLatch finished = new CountDownLatch(1);
        // The signals cancel the step instead of starting the JVM's shutdown, so the step ends normally: its
        // summary is printed and the exit code is the command's own.
        try (StopSignals signals = StopSignals.install(() -> stopping(cancel))) {
            // For a shutdown the signals above do not cover (SIGHUP, a platform without them): stop the step and give
            // it a bounded time to record what it did before the JVM goes.
            Thread hook = new Thread(() -> {
                stopping(cancel);
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            SnapshotStore[] store = new SnapshotStore[1];
            try (Migration migration = projectOptions.open(err())) {
                store[0] = migration.snapshot();
                int code = run(migration, cancel);
                return cancel.isCancelled() ? ExitCode.CANCELLED : code;
            } catch (RuntimeException e) {
                // a write that failed for want of space reaches here wrapped in H2's words; say what happened, and
                // where
                throw store[0] == null ? e : store[0].explain(e);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: the JVM is on its way out
                }
            }
        }
    }

    private void stopping(CancellationToken cancel) {
        if (cancel.isCancelled()) {
            return;
        }
        cancel.cancel();
        err().println();
        err().println("Stopping: finishing calls in flight and recording what was done...");
        err().flush();
    }

    abstract int run(Migration migration, CancellationToken cancel) throws Exception;

    ConsoleProgress progress() {
        return new ConsoleProgress(System.err, root != null && root.quiet);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Tells the Spark job's states on the error stream and, with {@code log}, its driver's lines. */
    dev.lakeport.launch.JobListener jobListener(boolean log) {
        return new dev.lakeport.launch.JobListener() {
            @Override
            public void stateChanged(dev.lakeport.launch.JobState state, java.util.Optional<String> applicationId) {
                err().printf(
                                "  job %s%s%n",
                                state.name().toLowerCase(java.util.Locale.ROOT),
                                applicationId.map(id -> " (" + id + ")").orElse(""));
                err().flush();
            }

            @Override
            public void logLine(String line) {
                if (log) {
                    err().println("  | " + line);
                    err().flush();
                }
            }
        };
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
