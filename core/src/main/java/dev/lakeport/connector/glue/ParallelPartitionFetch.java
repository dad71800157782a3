package dev.lakeport.connector.glue;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.model.Partition;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.glue.model.Segment;

/**
 * One table's partitions, fetched by background threads into a bounded queue and handed out one by one.
 *
 * <p>It first asks for one unsegmented page: most tables fit in it, and then one call is all it costs. A table that
 * needs more pages is fetched again as {@code segments} parallel Glue segments (the probe page is dropped, since
 * segments cannot resume an unsegmented listing), each paging on its own thread. With one segment the probe simply
 * continues. The bounded queue keeps memory flat when the consumer is slower than Glue; {@link #close()} stops every
 * fetch.
 */
final class ParallelPartitionFetch implements Iterator<Partition>, AutoCloseable {

    /** Fetches one page: the segment to read (empty for an unsegmented listing) and the page token. */
    interface PageFetcher {
        Page fetch(Optional<Segment> segment, String nextToken);
    }

    record Page(List<Partition> partitions, String nextToken) {}

    private record Done() {}

    private record Expect(int moreProducers) {}

    private record Failed(RuntimeException error) {}

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final PageFetcher fetcher;
    private final int segments;
    private final String name;
    private final BlockingQueue<Object> queue;
    private ExecutorService executor;
    private volatile boolean closed;
    private boolean finished;
    private int expectedDone = 1;
    private int done;
    private Iterator<Partition> current = Collections.emptyIterator();

    ParallelPartitionFetch(PageFetcher fetcher, int segments, String name) {
        this.fetcher = fetcher;
        this.segments = segments;
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(2 * segments + 2);
    }

    @Override
    public boolean hasNext() {
        if (current.hasNext()) {
            return true;
        }
        if (finished) {
            return false;
        }
        if (closed) {
            throw new ConnectorException(ErrorCode.INTERNAL, "partition listing of " + name + " was closed");
        }
        start();
        while (!current.hasNext()) {
            Object message = take();
            if (message instanceof Page page) {
                current = page.partitions().iterator();
            } else if (message instanceof Expect expect) {
                expectedDone += expect.moreProducers();
            } else if (message instanceof Failed failed) {
                close();
                finished = true;
                throw failed.error();
            } else if (message instanceof Done && ++done == expectedDone) {
                finished = true;
                executor.shutdown();
                return false;
            }
        }
        return true;
    }

    @Override
    public Partition next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    @Override
    public void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
        queue.clear();
    }

    private void start() {
        if (executor != null) {
            return;
        }
        int id = STREAMS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        executor = Executors.newFixedThreadPool(segments, r -> {
            Thread t = new Thread(r, "glue-partitions-" + id + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::probeThenSplit);
    }

    private void probeThenSplit() {
        try {
            Page probe = fetcher.fetch(Optional.empty(), null);
            if (probe.nextToken() == null || segments == 1) {
                if (put(probe) && probe.nextToken() != null) {
                    pageOn(Optional.empty(), probe.nextToken());
                }
            } else if (put(new Expect(segments - 1))) {
                for (int s = 1; s < segments; s++) {
                    Segment segment = segment(s);
                    executor.execute(() -> runSegment(segment));
                }
                pageOn(Optional.of(segment(0)), null);
            }
            put(new Done());
        } catch (RuntimeException e) {
            put(new Failed(e));
        } catch (Error e) {
            put(new Failed(asFailure(e)));
            throw e;
        }
    }

    private void runSegment(Segment segment) {
        try {
            pageOn(Optional.of(segment), null);
            put(new Done());
        } catch (RuntimeException e) {
            put(new Failed(e));
        } catch (Error e) {
            put(new Failed(asFailure(e)));
            throw e;
        }
    }

    /** An Error ends its thread; the consumer must still hear of it rather than wait for ever. */
    private ConnectorException asFailure(Error e) {
        return new ConnectorException(ErrorCode.INTERNAL, null, "listing partitions of " + name + " failed: " + e, e);
    }

    private void pageOn(Optional<Segment> segment, String firstToken) {
        String token = firstToken;
        do {
            Page page = fetcher.fetch(segment, token);
            if (!put(page)) {
                return;
            }
            token = page.nextToken();
        } while (token != null && !closed);
    }

    private Segment segment(int number) {
        return Segment.builder().segmentNumber(number).totalSegments(segments).build();
    }

    /** Blocks while the queue is full; false once the listing is closed. */
    private boolean put(Object message) {
        if (closed) {
            return false;
        }
        try {
            queue.put(message);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ConnectorException(ErrorCode.INTERNAL, "interrupted while listing partitions of " + name);
        }
    }
}
