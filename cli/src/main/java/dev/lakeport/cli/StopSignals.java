package dev.lakeport.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into a request to stop while a step runs, instead of the JVM's shutdown: the step then
 * finishes what is in flight, records the rest as not run, and the command exits with its own code. A second signal
 * stops the process at once with 130. Where a signal cannot be handled (another platform, a JVM without it), its
 * default stays.
 */
final class StopSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> NAMES = List.of("INT", "TERM");

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {}

    static StopSignals install(Runnable stop) {
        StopSignals installed = new StopSignals();
        boolean[] asked = {false};
        SignalHandler handler = signal -> {
            synchronized (asked) {
                if (asked[0]) {
                    Runtime.getRuntime().halt(ExitCode.CANCELLED);
                }
                asked[0] = true;
            }
            stop.run();
        };
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                installed.previous.add(Signal.handle(signal, handler));
                installed.signals.add(signal);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("signal {} cannot be handled here; its default stays", name, e);
            }
        }
        return installed;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
