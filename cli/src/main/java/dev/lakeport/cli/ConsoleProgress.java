package dev.lakeport.cli;

import dev.lakeport.progress.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a long step on the terminal: one progress bar per phase with rate and ETA, the failures counted beside it.
 * Thread-safe: workers report from many threads.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final PrintStream out;
    private final boolean quiet;
    private ProgressBar bar;
    private final AtomicLong failed = new AtomicLong();

    ConsoleProgress(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public synchronized void phase(String name, long total) {
        closeBar();
        failed.set(0);
        if (quiet) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setMaxRenderedLength(110)
                .setEtaFunction(state -> total > 0
                        ? java.util.Optional.of(eta(state.getCurrent(), state.getMax(), state.getElapsedAfterStart()))
                        : java.util.Optional.empty())
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .continuousUpdate()
                .build();
    }

    @Override
    public void advance(long done, long failedNow) {
        ProgressBar current;
        synchronized (this) {
            current = bar;
        }
        if (failedNow > 0) {
            long f = failed.addAndGet(failedNow);
            if (current != null) {
                current.setExtraMessage(f + " failed");
            }
        }
        if (current != null) {
            current.stepBy(done);
        }
    }

    @Override
    public void message(String text) {
        ProgressBar current;
        synchronized (this) {
            current = bar;
        }
        if (current != null && failed.get() == 0) {
            current.setExtraMessage(text.length() > 40 ? "…" + text.substring(text.length() - 39) : text);
        }
    }

    private static Duration eta(long current, long max, Duration elapsed) {
        if (current <= 0 || max <= current) {
            return Duration.ZERO;
        }
        return elapsed.multipliedBy(max - current).dividedBy(current);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
