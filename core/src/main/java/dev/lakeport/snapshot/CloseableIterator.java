package dev.lakeport.snapshot;

import java.util.Iterator;

/** An iterator over a cursor that must be closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();

    /** An iterator with nothing to close. */
    static <T> CloseableIterator<T> of(Iterator<? extends T> iterator) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public T next() {
                return iterator.next();
            }

            @Override
            public void close() {}
        };
    }
}
