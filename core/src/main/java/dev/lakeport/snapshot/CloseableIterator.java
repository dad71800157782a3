package dev.lakeport.snapshot;

import java.util.Iterator;

/** An iterator over a cursor that must be closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
