package dev.lakeport.app.bench;

import atlantafx.base.theme.PrimerLight;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.lakeport.app.LakeportApplication;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.browse.BrowseItem;
import dev.lakeport.app.pages.browse.BrowseNode;
import dev.lakeport.app.pages.browse.BrowseView;
import dev.lakeport.app.pages.browse.BrowseViewModel;
import dev.lakeport.app.pages.load.LoadView;
import dev.lakeport.app.pages.load.LoadViewModel;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.config.SampleProject;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.SnapshotWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The desktop's two performance targets, measured in a real (headless) window with the real task runner:
 *
 * <ol>
 *   <li>"A page of a 1M-partition table opens in ≤ 100 ms": a snapshot with one table of N partitions; the Browse
 *       page opens the table (expand → first page of partitions in the tree, laid out) and the next page ("Load
 *       more…"), several times; prints median and maximum, and the bare snapshot query for comparison.
 *   <li>"Loading 1M partitions keeps the window responsive (no frame gap ≥ 100 ms)": the Load page loads the sample
 *       catalog of N partitions from the local Glue emulator while an animation timer asks for a frame every pulse;
 *       prints the largest gaps between frames, and the GC pauses that fell in them.
 * </ol>
 *
 * Not a test (the build does not run it). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -o -pl app -am test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx6g -XX:+UseG1GC -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
 *   -cp %classpath dev.lakeport.app.bench.BrowseBenchmark"
 * </pre>
 *
 * Arguments (after the class name): partitions of the browsed table (default 1000000), runs (default 15), partitions
 * of the loaded catalog (default 1000000).
 */
public final class BrowseBenchmark {
    private static final Messages MESSAGES = new Messages(Locale.ENGLISH);
    private static final long MS = 1_000_000L;

    private BrowseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int browsePartitions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int loadPartitions = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        headless();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        System.out.printf(
                "Lakeport desktop bench: %d cores, max heap %d MiB, Java %s, JavaFX %s (%s)%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.version(),
                System.getProperty("javafx.runtime.version"),
                System.getProperty("glass.platform", "default"));
        Path dir = Files.createTempDirectory("lakeport-desktop-bench");
        Stage stage = fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Stage s = new Stage();
            s.setScene(new Scene(new javafx.scene.layout.StackPane(), 1280, 820));
            s.getScene()
                    .getStylesheets()
                    .add(LakeportApplication.class
                            .getResource(LakeportApplication.STYLESHEET)
                            .toExternalForm());
            s.show();
            return s;
        });
        try (FxTaskRunner tasks = new FxTaskRunner()) {
            if (browsePartitions > 0) {
                browseBenchmark(stage, tasks, dir, browsePartitions, runs);
            }
            if (loadPartitions > 0) {
                loadBenchmark(stage, tasks, dir, loadPartitions);
            }
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void headless() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("prism.text", "t2k");
        setIfAbsent("headless.geometry", "1600x1200-32");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    // ------------------------------------------------------------------ (a) a page of a 1M-partition table

    private static void browseBenchmark(Stage stage, FxTaskRunner tasks, Path dir, int partitions, int runs)
            throws Exception {
        Map<String, String> settings = SampleProject.settings("http://127.0.0.1:1", "127.0.0.1:1", "bench", "results");
        settings.put("location.convertMap", "{\"s3://lakeport-bench/\":\"oss://lakeport-bench/\"}");
        ProjectSession session = new ProjectSession(CredentialStore.MEMORY);
        ProjectSession.OpenedProject opened = session.read(dir.resolve("browse.lakeport.mv.db"), settings, false);
        fx(() -> {
            session.attach(opened);
            return null;
        });
        long writeStart = System.nanoTime();
        CatalogMapping mapping = session.migration().mapping();
        SnapshotStore store = session.store();
        try (SnapshotWriter writer =
                store.beginLoad(Side.SOURCE, LoadOrigin.of("bench", "memory", null), mapping, mapping.mappingId())) {
            writer.putDatabase(Database.of("bench").withLocationUri("s3://lakeport-bench/"));
            for (int i = 0; i < 30; i++) {
                writer.putTable(
                        TABLE.toBuilder().name(String.format("small_%02d", i)).build());
            }
            writer.putTable(TABLE);
            writer.replacePartitions(TABLE, partitions(partitions));
            writer.finish();
        }
        System.out.printf(
                "%nBrowse: snapshot with one table of %,d partitions written in %.1f s%n",
                partitions, (System.nanoTime() - writeStart) / 1e9);

        // The bare query, first page and a page near the end, for comparison.
        List<Long> firstQuery = new ArrayList<>();
        List<Long> deepQuery = new ArrayList<>();
        Partition nearEnd = store.partitions(Side.SOURCE, "bench", "events", partitions - 300L, 1)
                .get(0);
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            store.partitions(Side.SOURCE, "bench", "events", Optional.empty(), BrowseViewModel.PARTITION_PAGE);
            long t1 = System.nanoTime();
            store.partitions(
                    Side.SOURCE, "bench", "events", Optional.of(nearEnd.values()), BrowseViewModel.PARTITION_PAGE);
            long t2 = System.nanoTime();
            firstQuery.add(t1 - t0);
            deepQuery.add(t2 - t1);
        }

        RecordingDialogService dialogs = new RecordingDialogService();
        BrowseViewModel browse = new BrowseViewModel(session, tasks, dialogs, MESSAGES);
        fx(() -> {
            stage.getScene().setRoot(new BrowseView(browse, MESSAGES));
            browse.onEnter();
            return null;
        });
        List<Long> firstData = new ArrayList<>();
        List<Long> firstShown = new ArrayList<>();
        List<Long> nextData = new ArrayList<>();
        List<Long> nextShown = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            fx(() -> {
                browse.reload();
                return null;
            });
            waitFor(
                    30,
                    () -> fxGet(() -> !browse.root().children().isEmpty()
                            && browse.root().children().get(0).item() instanceof BrowseItem.DatabaseItem));
            BrowseNode db = fxGet(() -> browse.root().children().get(0));
            fx(() -> {
                browse.expand(db);
                return null;
            });
            waitFor(
                    30,
                    () -> fxGet(
                            () -> db.children().stream().anyMatch(n -> n.text().equals("events"))));
            BrowseNode table = fxGet(() -> db.children().stream()
                    .filter(n -> n.text().equals("events"))
                    .findFirst()
                    .orElseThrow());
            long[] first = measure(stage, table, () -> browse.expand(table), n -> n > 1);
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.printf(
                        "    run %d: in tree %.1f ms, shown %.1f ms, FX thread busy %.1f ms%n",
                        run + 1, first[0] / 1e6, first[1] / 1e6, first[2] / 1e6);
            }
            firstData.add(first[0]);
            firstShown.add(first[1]);
            BrowseNode more = fxGet(() -> table.children().get(table.children().size() - 1));
            if (!(more.item() instanceof BrowseItem.MoreItem)) {
                throw new IllegalStateException("expected a Load more node, got " + more);
            }
            int before = fxGet(() -> table.children().size());
            long[] next = measure(stage, table, () -> browse.loadMore(more), n -> n > before);
            nextData.add(next[0]);
            nextShown.add(next[1]);
        }
        System.out.printf(
                "  snapshot query, first page of %d:        median %6.1f ms, max %6.1f ms%n",
                BrowseViewModel.PARTITION_PAGE, median(firstQuery) / 1e6, max(firstQuery) / 1e6);
        System.out.printf(
                "  snapshot query, page near the end:       median %6.1f ms, max %6.1f ms%n",
                median(deepQuery) / 1e6, max(deepQuery) / 1e6);
        System.out.printf(
                "  open the table, page in the tree:        median %6.1f ms, max %6.1f ms%n",
                median(firstData) / 1e6, max(firstData) / 1e6);
        System.out.printf(
                "  open the table, page laid out (shown):   median %6.1f ms, max %6.1f ms   (target <= 100 ms)%n",
                median(firstShown) / 1e6, max(firstShown) / 1e6);
        System.out.printf(
                "  Load more (next page by key), shown:     median %6.1f ms, max %6.1f ms   (runs: %d)%n",
                median(nextShown) / 1e6, max(nextShown) / 1e6, runs);
        if (!dialogs.errors.isEmpty()) {
            System.out.println("  errors: " + dialogs.errors);
        }
        fx(() -> {
            stage.getScene().setRoot(new javafx.scene.layout.StackPane());
            return null;
        });
        session.close(); // compacts the file: not on the FX thread
    }

    /**
     * Runs {@code action} on the FX thread and returns the nanoseconds until {@code node}'s children satisfy
     * {@code done} (the page is in the tree), until the next pulse laid the scene out (the page is shown), and the FX
     * thread's CPU time in between.
     */
    private static long[] measure(Stage stage, BrowseNode node, Runnable action, java.util.function.IntPredicate done)
            throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        long[] times = new long[5];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        fx(() -> {
            Scene scene = stage.getScene();
            ListChangeListener<BrowseNode> listener = new ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends BrowseNode> change) {
                    if (done.test(node.children().size())
                            && node.children().stream().anyMatch(n -> n.item() instanceof BrowseItem.PartitionItem)) {
                        times[1] = System.nanoTime();
                        node.children().removeListener(this);
                        Runnable[] pulse = new Runnable[1];
                        pulse[0] = () -> {
                            times[2] = System.nanoTime();
                            times[4] = threads.getCurrentThreadCpuTime();
                            scene.removePostLayoutPulseListener(pulse[0]);
                            shown.countDown();
                        };
                        scene.addPostLayoutPulseListener(pulse[0]);
                        Platform.requestNextPulse();
                    }
                }
            };
            node.children().addListener(listener);
            times[0] = System.nanoTime();
            times[3] = threads.getCurrentThreadCpuTime();
            action.run();
            return null;
        });
        if (!shown.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the page did not show within a minute");
        }
        return new long[] {times[1] - times[0], times[2] - times[0], times[4] - times[3]};
    }

    private static final Table TABLE = Table.builder("bench", "events")
            .tableType("EXTERNAL_TABLE")
            .owner("hadoop")
            .partitionKeys(List.of(Column.of("dt", "string"), Column.of("hr", "int")))
            .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
            .storageDescriptor(StorageDescriptor.builder()
                    .columns(List.of(
                            Column.of("event_id", "bigint"),
                            Column.of("user_id", "string"),
                            Column.of("amount", "decimal(38,18)"),
                            Column.of("payload", "map<string,string>")))
                    .location("s3://lakeport-bench/events/")
                    .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                    .serDeInfo(SerDeInfo.of(
                            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                            Map.of("serialization.format", "1")))
                    .build())
            .build();

    /** {@code n} partitions of the bench table, by day and hour, made as they are consumed. */
    private static Iterator<Partition> partitions(int n) {
        StorageDescriptor sd = TABLE.storageDescriptor().orElseThrow();
        String base = sd.location().orElseThrow();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Partition next() {
                int k = i++;
                String dt = String.format("2%03d%04d", k / 240_000, (k / 24) % 10_000);
                String hr = Integer.toString(k % 24);
                return new Partition(
                        "bench",
                        "events",
                        List.of(dt, hr),
                        Optional.of(sd.withLocation(base + "dt=" + dt + "/hr=" + hr + "/")),
                        Map.of("numRows", Integer.toString(k)),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
            }
        };
    }

    // ------------------------------------------------------------------ (b) frames while 1M partitions load

    private static void loadBenchmark(Stage stage, FxTaskRunner tasks, Path dir, int partitions) throws Exception {
        long generateStart = System.nanoTime();
        try (SampleEnvironment sample = new SampleEnvironment()) {
            SampleEnvironment.Sample started = sample.start(dir.resolve("load"), partitions);
            System.out.printf(
                    "%nLoad: the sample catalog with %,d partitions generated in the Glue emulator in %.1f s%n",
                    started.catalog().partitions(), (System.nanoTime() - generateStart) / 1e9);
            ProjectSession session = new ProjectSession(CredentialStore.MEMORY);
            ProjectSession.OpenedProject opened = session.read(started.projectFile(), started.settings(), true);
            RecordingDialogService dialogs = new RecordingDialogService();
            LoadViewModel load = fx(() -> {
                session.attach(opened);
                LoadViewModel vm = new LoadViewModel(session, tasks, dialogs, MESSAGES);
                stage.getScene().setRoot((Parent) new LoadView(vm, MESSAGES));
                vm.onEnter();
                return vm;
            });
            waitFor(60, () -> fxGet(() -> load.canLoadProperty().get()));

            GcPauses gc = new GcPauses();
            FrameRecorder frames = new FrameRecorder();
            long gcCountBefore = gcCount();
            long gcTimeBefore = gcTime();
            fx(() -> {
                frames.start();
                load.loadBoth();
                return null;
            });
            long loadStart = System.nanoTime();
            waitFor(3_600, () -> fxGet(() -> !load.runningProperty().get()));
            long loadNanos = System.nanoTime() - loadStart;
            fx(() -> {
                frames.stop();
                return null;
            });
            gc.stop();
            LoadInfo info = session.store().loadInfo(Side.SOURCE).orElseThrow();
            List<Long> gaps = frames.gaps();
            List<Long> sorted = new ArrayList<>(gaps);
            Collections.sort(sorted);
            System.out.printf(
                    "  loaded %,d partitions (source %s) in %.1f s, %,.0f objects/s shown at the end: %s%n",
                    info.partitions(),
                    info.complete() ? "complete" : "INCOMPLETE",
                    loadNanos / 1e9,
                    fxGet(() -> load.source().rateProperty().get()),
                    fxGet(() -> load.source().figuresProperty().get()));
            System.out.printf(
                    "  frames: %,d; gap between frames median %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms"
                            + "   (target: no gap >= 100 ms)%n",
                    gaps.size(),
                    percentile(sorted, 0.5) / 1e6,
                    percentile(sorted, 0.99) / 1e6,
                    percentile(sorted, 0.999) / 1e6,
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
            System.out.printf(
                    "  gaps >= 50 ms: %d, >= 100 ms: %d; GC during the load: %d collections, %d ms in all,"
                            + " longest pause %d ms%n",
                    gaps.stream().filter(g -> g >= 50 * MS).count(),
                    gaps.stream().filter(g -> g >= 100 * MS).count(),
                    gcCount() - gcCountBefore,
                    gcTime() - gcTimeBefore,
                    gc.longestMillis());
            List<Long> work = new ArrayList<>(frames.work());
            Collections.sort(work);
            System.out.printf(
                    "  FX thread CPU per frame (the window's own work): median %.1f ms, p99 %.1f ms, max %.1f ms;"
                            + " machine load average %.1f on %d cores%n",
                    percentile(work, 0.5) / 1e6,
                    percentile(work, 0.99) / 1e6,
                    work.isEmpty() ? 0 : work.get(work.size() - 1) / 1e6,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            for (long[] gap : frames.largest(5)) {
                long gcInGap = gc.pausedMillisBetween(gap[0], gap[1]);
                System.out.printf(
                        "    gap of %6.1f ms at %6.1f s into the load: FX thread busy %5.1f ms of it, GC pauses %d ms%n",
                        (gap[1] - gap[0]) / 1e6, (gap[0] - loadStart) / 1e9, gap[2] / 1e6, gcInGap);
            }
            if (Boolean.getBoolean("bench.verbose")) {
                for (long[] frame : frames.busiest(5)) {
                    System.out.printf(
                            "    busiest frame: FX thread %5.1f ms of a %6.1f ms gap at %6.1f s into the load%n",
                            frame[2] / 1e6, (frame[1] - frame[0]) / 1e6, (frame[0] - loadStart) / 1e9);
                }
            }
            if (!dialogs.errors.isEmpty()) {
                System.out.println("  errors: " + dialogs.errors);
            }
            fx(() -> {
                stage.getScene().setRoot(new javafx.scene.layout.StackPane());
                return null;
            });
            session.close(); // compacts the file: not on the FX thread
        }
    }

    /** Asks for a frame every pulse (as any animation does) and records when each one ran. */
    private static final class FrameRecorder extends AnimationTimer {
        private final List<Long> times = new ArrayList<>();
        /** CPU time of the FX thread at each frame: how much of a gap the window itself spent working. */
        private final List<Long> cpu = new ArrayList<>();

        private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        @Override
        public void handle(long now) {
            times.add(System.nanoTime());
            cpu.add(threads.getCurrentThreadCpuTime());
        }

        List<Long> gaps() {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
            return gaps;
        }

        /** FX-thread CPU time spent between consecutive frames. */
        List<Long> work() {
            List<Long> work = new ArrayList<>();
            for (int i = 1; i < cpu.size(); i++) {
                work.add(cpu.get(i) - cpu.get(i - 1));
            }
            return work;
        }

        /** The {@code n} frames in which the FX thread worked longest, as [start, end, FX cpu] nano times. */
        List<long[]> busiest(int n) {
            List<long[]> all = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                all.add(new long[] {times.get(i - 1), times.get(i), cpu.get(i) - cpu.get(i - 1)});
            }
            all.sort((a, b) -> Long.compare(b[2], a[2]));
            return all.subList(0, Math.min(n, all.size()));
        }

        /** The {@code n} largest gaps as [start, end, FX cpu] nano times. */
        List<long[]> largest(int n) {
            List<long[]> all = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                all.add(new long[] {times.get(i - 1), times.get(i), cpu.get(i) - cpu.get(i - 1)});
            }
            all.sort((a, b) -> Long.compare(b[1] - b[0], a[1] - a[0]));
            return all.subList(0, Math.min(n, all.size()));
        }
    }

    /** Every GC pause while it runs, with its start and end on the {@link System#nanoTime()} clock. */
    private static final class GcPauses {
        private final List<long[]> pauses = Collections.synchronizedList(new ArrayList<>());
        private final List<Runnable> unregister = new ArrayList<>();
        // JVM uptime (ms) and nanoTime taken together, to put GC times on the frames' clock.
        private final long baseNanos = System.nanoTime();
        private final long baseUptime = ManagementFactory.getRuntimeMXBean().getUptime();

        GcPauses() {
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (bean instanceof NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (notification, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                notification.getType())) {
                            GarbageCollectionNotificationInfo info =
                                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                            // Concurrent cycles do not stop the application; only pauses count.
                            if (info.getGcAction().contains("end of")
                                    && !info.getGcName().contains("Concurrent")) {
                                long start = baseNanos + (info.getGcInfo().getStartTime() - baseUptime) * MS;
                                pauses.add(new long[] {
                                    start, start + info.getGcInfo().getDuration() * MS
                                });
                            }
                        }
                    };
                    emitter.addNotificationListener(listener, null, null);
                    unregister.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException ignored) {
                            // already gone
                        }
                    });
                }
            }
        }

        void stop() {
            unregister.forEach(Runnable::run);
        }

        long longestMillis() {
            synchronized (pauses) {
                return pauses.stream().mapToLong(p -> (p[1] - p[0]) / MS).max().orElse(0);
            }
        }

        long pausedMillisBetween(long from, long to) {
            long sum = 0;
            synchronized (pauses) {
                for (long[] p : pauses) {
                    long overlap = Math.min(to, p[1]) - Math.max(from, p[0]);
                    if (overlap > 0) {
                        sum += overlap;
                    }
                }
            }
            return sum / MS;
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }

    private static <T> T fxGet(Callable<T> read) {
        try {
            return fx(read);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return Collections.max(values);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
