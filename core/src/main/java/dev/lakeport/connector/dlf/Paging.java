package dev.lakeport.connector.dlf;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Turns DLF's NextPageToken paging into a lazy stream: a page is fetched only when the previous one is used up. */
final class Paging {
    private Paging() {}

    record Page<T>(List<T> items, String nextToken) {
        boolean isLast() {
            return nextToken == null || nextToken.isEmpty();
        }
    }

    static <T> Stream<T> stream(String what, Function<String, Page<T>> fetch) {
        Iterator<T> pages = new Iterator<>() {
            private Iterator<T> current = Collections.emptyIterator();
            private String token;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    Page<T> page = fetch.apply(token);
                    current = page.items().iterator();
                    if (page.isLast()) {
                        done = true;
                    } else if (page.nextToken().equals(token)) {
                        // A server that hands back the same token would loop for ever.
                        throw new ConnectorException(ErrorCode.INTERNAL, "DLF " + what + ": the page token repeats");
                    }
                    token = page.nextToken();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
