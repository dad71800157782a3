package dev.lakeport.diff;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A snapshot held in sorted maps; safe for concurrent reads. */
public final class TestingSnapshotView implements SnapshotView {
    private final Map<Side, NavigableMap<ObjectKey, CatalogObject>> sides = new EnumMap<>(Side.class);

    public TestingSnapshotView() {
        sides.put(Side.SOURCE, new ConcurrentSkipListMap<>());
        sides.put(Side.DESTINATION, new ConcurrentSkipListMap<>());
    }

    public TestingSnapshotView put(Side side, CatalogObject... objects) {
        for (CatalogObject o : objects) {
            sides.get(side).put(o.key(), o);
        }
        return this;
    }

    public TestingSnapshotView source(CatalogObject... objects) {
        return put(Side.SOURCE, objects);
    }

    public TestingSnapshotView destination(CatalogObject... objects) {
        return put(Side.DESTINATION, objects);
    }

    public NavigableMap<ObjectKey, CatalogObject> side(Side side) {
        return sides.get(side);
    }

    @Override
    public CloseableIterator<ScanEntry> scan(Side side) {
        Iterator<CatalogObject> it = sides.get(side).values().iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ScanEntry next() {
                CatalogObject o = it.next();
                return new ScanEntry(o.key(), Fingerprint.of(o));
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Optional<CatalogObject> get(Side side, ObjectKey key) {
        return Optional.ofNullable(sides.get(side).get(key));
    }
}
