package dev.lakeport.cli;

import dev.lakeport.progress.CancellationToken;
import dev.lakeport.project.Migration;
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
 * A command that works on a project. Ctrl-C cancels the running step gracefully: in-flight calls finish, what was
 * done is recorded, and the same command resumes later.
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
        Thread hook = new Thread(() -> {
            cancel.cancel();
            err().println();
            err().println("Stopping: finishing calls in flight...");
            err().flush();
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
            return run(migration, cancel);
        } catch (RuntimeException e) {
            // a write that failed for want of space reaches here wrapped in H2's words; say what happened, and where
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

    abstract int run(Migration migration, CancellationToken cancel) throws Exception;

    ConsoleProgress progress() {
        return new ConsoleProgress(System.err, root != null && root.quiet);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
