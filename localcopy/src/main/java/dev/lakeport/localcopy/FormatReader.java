package dev.lakeport.localcopy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.orc.TypeDescription;

/** Reads one data file of one format. */
interface FormatReader {
    /**
     * The rows of a file as values of the given columns, in their order; a column the file lacks reads as null.
     *
     * @param names the columns' names, lower case
     */
    RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException;

    /** The number of rows in a file, counted without the writer's help. */
    long count(Path file) throws IOException;

    /** An iterator over rows that holds a file open. */
    interface RowIterator extends Iterator<Object[]>, Closeable {}
}
