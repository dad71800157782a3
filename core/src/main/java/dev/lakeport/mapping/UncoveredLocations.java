package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.CatalogObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the locations a {@link LocationMapper} leaves unchanged, grouped by {@code scheme://bucket/first-segment/},
 * so the wizard and the CLI can say "1,204 locations under s3://logs/raw/ have no mapping, e.g. ...". It keeps one
 * example per group and a bounded number of groups, so memory stays flat however many locations stream through.
 * Safe to feed from several threads.
 */
public final class UncoveredLocations {

    /** Beyond this many groups, further uncovered locations are only counted in {@link #overflow()}. */
    public static final int MAX_GROUPS = 10_000;

    /** A prefix no entry covers, how many locations fell under it, and one of them. */
    public record Group(String prefix, long count, String example) {
        public Group {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(example, "example is null");
        }
    }

    private static final class Counter {
        final String example;
        final LongAdder count = new LongAdder();

        Counter(String example) {
            this.example = example;
        }
    }

    private final LocationMapper mapper;
    private final boolean tracking;
    private final Map<String, Counter> groups = new ConcurrentHashMap<>();
    private final AtomicLong overflow = new AtomicLong();

    UncoveredLocations(LocationMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.tracking = true;
    }

    private UncoveredLocations() {
        this.mapper = LocationMapper.identity();
        this.tracking = false;
    }

    /** A tracker that records nothing: for a destination that does not keep locations (the data is copied). */
    public static UncoveredLocations none() {
        return new UncoveredLocations();
    }

    /** Records the location if no entry covers it. */
    public void add(String location) {
        requireNonNull(location, "location is null");
        if (!tracking || location.isEmpty() || mapper.covers(location)) {
            return;
        }
        String prefix = groupOf(location);
        Counter counter = groups.get(prefix);
        if (counter == null) {
            if (groups.size() >= MAX_GROUPS) {
                overflow.incrementAndGet();
                return;
            }
            counter = groups.computeIfAbsent(prefix, p -> new Counter(location));
        }
        counter.count.increment();
    }

    /** Records every location of the object (see {@link LocationMapper#locationsOf}). */
    public void addAll(CatalogObject object) {
        LocationMapper.locationsOf(object).forEach(this::add);
    }

    /** Folds another tracker's counts into this one (for parallel collection). */
    public UncoveredLocations merge(UncoveredLocations other) {
        if (other != this) {
            other.groups.forEach((prefix, c) -> {
                Counter mine = groups.computeIfAbsent(prefix, p -> new Counter(c.example));
                mine.count.add(c.count.sum());
            });
            overflow.addAndGet(other.overflow.get());
        }
        return this;
    }

    /** The groups, most locations first, then by prefix. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>(groups.size());
        groups.forEach((prefix, c) -> out.add(new Group(prefix, c.count.sum(), c.example)));
        out.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::prefix));
        return List.copyOf(out);
    }

    /** How many uncovered locations were counted, in all groups and in the overflow. */
    public long total() {
        return groups.values().stream().mapToLong(c -> c.count.sum()).sum() + overflow.get();
    }

    /** Uncovered locations that found no room for a group of their own. */
    public long overflow() {
        return overflow.get();
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    /** {@code scheme://bucket/first-segment/}, or less when the location is shorter. */
    static String groupOf(String location) {
        int schemeEnd = location.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int bucketEnd = location.indexOf('/', start);
        if (bucketEnd < 0) {
            return location + "/";
        }
        int segmentEnd = location.indexOf('/', bucketEnd + 1);
        if (segmentEnd < 0) {
            // The location is the first segment itself (s3://b/x) or the bucket root (s3://b/).
            return bucketEnd + 1 == location.length() ? location : location + "/";
        }
        return location.substring(0, segmentEnd + 1);
    }
}
