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
    /** Without a terminal (CI, a pipe, a log file) bars would repaint into garbage: print a line per phase instead. */
    private final boolean interactive;

    private ProgressBar bar;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private String phaseName;
    private long phaseStart;
    private volatile long lastLine;

    ConsoleProgress(PrintStream out, boolean quiet) {
        this(out, quiet, System.console() != null);
    }

    ConsoleProgress(PrintStream out, boolean quiet, boolean interactive) {
        this.out = out;
        this.quiet = quiet;
        this.interactive = interactive;
    }

    @Override
    public synchronized void phase(String name, long total) {
        closeBar();
        failed.set(0);
        done.set(0);
        phaseName = name;
        phaseStart = System.nanoTime();
        lastLine = phaseStart;
        if (quiet || !interactive) {
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
        long total = this.done.addAndGet(done);
        long now = System.nanoTime();
        if (!interactive && !quiet && now - lastLine > 10_000_000_000L) {
            lastLine = now;
            out.printf("  %s: %,d done, %,d failed, %,.0f/s%n", phaseName, total, failed.get(), rate(total, now));
        }
    }

    private double rate(long n, long now) {
        return n / Math.max((now - phaseStart) / 1e9, 1e-3);
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
        if (!interactive && !quiet && phaseName != null && done.get() > 0) {
            long now = System.nanoTime();
            out.printf(
                    "  %s: %,d done, %,d failed in %.1f s (%,.0f/s)%n",
                    phaseName, done.get(), failed.get(), (now - phaseStart) / 1e9, rate(done.get(), now));
        }
        phaseName = null;
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
