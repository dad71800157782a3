package dev.lakeport.emulator.hive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.hadoop.hive.metastore.security.HadoopThriftAuthBridge;

/**
 * The real Hive Metastore (4.0.1) on Derby, serving plain Thrift on a local port: for tests and the local sample.
 * With a directory, Derby and the warehouse live under it, so a second start in another process sees the same
 * catalog; without one, Derby is in memory. Object-store locations ({@code s3://}, {@code oss://}, ...) are accepted
 * without credentials (see {@link MetadataOnlyFileSystem}), and the metastore never recomputes statistics, so what a
 * client writes is what it reads back.
 *
 * <p>The metastore's server cannot be stopped cleanly inside a JVM (it keeps static state), so a JVM starts at most
 * one, and it lives as long as the JVM. Run it on its own with {@code java -cp ...
 * dev.lakeport.emulator.hive.EmbeddedHiveMetastore --port N --dir D}: it prints {@code thrift://127.0.0.1:N} once it
 * listens.
 */
public final class EmbeddedHiveMetastore {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final AtomicReference<EmbeddedHiveMetastore> STARTED = new AtomicReference<>();

    private final int port;
    private final Path directory;
    private final Duration startTime;

    private EmbeddedHiveMetastore(int port, Path directory, Duration startTime) {
        this.port = port;
        this.directory = directory;
        this.startTime = startTime;
    }

    /** Starts a metastore on a free port with Derby in memory; later calls in the same JVM return the same one. */
    public static EmbeddedHiveMetastore startInMemory() {
        return start(0, null);
    }

    /**
     * Starts a metastore on {@code port} (0: a free one) with its catalog under {@code directory} (null: in memory).
     * Later calls in the same JVM return the metastore already started, whatever they ask for.
     */
    public static synchronized EmbeddedHiveMetastore start(int port, Path directory) {
        EmbeddedHiveMetastore running = STARTED.get();
        if (running != null) {
            return running;
        }
        int chosen = port == 0 ? freePort() : port;
        long began = System.nanoTime();
        Configuration conf = configuration(directory);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread server = new Thread(
                () -> {
                    try {
                        HiveMetaStore.startMetaStore(chosen, HadoopThriftAuthBridge.getBridge(), conf);
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "hive-metastore-" + chosen);
        server.setDaemon(true);
        server.start();
        awaitListening(chosen, server, failure);
        EmbeddedHiveMetastore started =
                new EmbeddedHiveMetastore(chosen, directory, Duration.ofNanos(System.nanoTime() - began));
        STARTED.set(started);
        return started;
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("thrift://127.0.0.1:" + port);
    }

    /** Where the catalog is kept; empty when it is in memory. */
    public java.util.Optional<Path> directory() {
        return java.util.Optional.ofNullable(directory);
    }

    /** How long the metastore took to listen. */
    public Duration startTime() {
        return startTime;
    }

    static Configuration configuration(Path directory) {
        Configuration conf = MetastoreConf.newMetastoreConf();
        Path home;
        String jdbc;
        try {
            if (directory == null) {
                home = Files.createTempDirectory("lakeport-hms-");
                jdbc = "jdbc:derby:memory:lakeport_hms_"
                        + ProcessHandle.current().pid() + ";create=true";
            } else {
                home = Files.createDirectories(directory.toAbsolutePath());
                jdbc = "jdbc:derby:" + home.resolve("metastore_db") + ";create=true";
            }
            Files.createDirectories(home.resolve("warehouse"));
            Files.createDirectories(home.resolve("external"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the metastore's directory " + directory, e);
        }
        // Derby writes its log to the working directory unless told otherwise
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty(
                    "derby.stream.error.file", home.resolve("derby.log").toString());
        }
        set(conf, "javax.jdo.option.ConnectionURL", jdbc);
        set(conf, "javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        set(conf, "datanucleus.schema.autoCreateAll", "true");
        set(conf, "hive.metastore.schema.verification", "false");
        set(conf, "metastore.schema.verification", "false");
        // Without HIVE_IN_TEST and with the capability check on, get_table refuses clients that send no capabilities.
        set(conf, "hive.in.test", "true");
        set(conf, "metastore.client.capability.check", "false");
        set(conf, "hive.metastore.client.capability.check", "false");
        set(conf, "metastore.warehouse.dir", home.resolve("warehouse").toUri().toString());
        set(
                conf,
                "hive.metastore.warehouse.dir",
                home.resolve("warehouse").toUri().toString());
        set(
                conf,
                "metastore.warehouse.external.dir",
                home.resolve("external").toUri().toString());
        set(
                conf,
                "hive.metastore.warehouse.external.dir",
                home.resolve("external").toUri().toString());
        // What a client writes is what it reads back: no statistics computed from (absent) files.
        set(conf, "metastore.stats.autogather", "false");
        set(conf, "hive.stats.autogather", "false");
        set(conf, "metastore.event.db.notification.api.auth", "false");
        set(conf, "hive.metastore.event.db.notification.api.auth", "false");
        set(conf, "metastore.compactor.initiator.on", "false");
        // Hive 4 would otherwise turn managed tables into external ones for clients that send no capabilities.
        set(conf, "metastore.metadata.transformer.class", " ");
        set(conf, "hive.metastore.metadata.transformer.class", " ");
        for (String scheme : new String[] {"s3", "s3a", "s3n", "oss", "gs", "abfs", "abfss", "wasb", "cos", "obs"}) {
            conf.set("fs." + scheme + ".impl", MetadataOnlyFileSystem.class.getName());
            conf.set("fs." + scheme + ".impl.disable.cache", "true");
        }
        return conf;
    }

    private static void set(Configuration conf, String key, String value) {
        conf.set(key, value);
    }

    private static void awaitListening(int port, Thread server, AtomicReference<Throwable> failure) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure.get() != null) {
                throw new IllegalStateException(
                        "the Hive Metastore did not start on port " + port + ": " + failure.get(), failure.get());
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the Hive Metastore on port " + port + " stopped while starting");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the Hive Metastore started", e);
                }
            }
        }
        throw new IllegalStateException(
                "the Hive Metastore did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the Hive Metastore", e);
        }
    }

    /** {@code --port N} (default 9083, 0 for a free one) and {@code --dir D} (default: in memory). */
    public static void main(String[] args) throws InterruptedException {
        int port = 9083;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg + " (usage: --port N --dir D)");
            }
            switch (arg) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + arg + " (usage: --port N --dir D)");
            }
        }
        EmbeddedHiveMetastore metastore = start(port, dir);
        System.out.println(metastore.uri());
        System.out.flush();
        Thread.currentThread().join();
    }

    @Override
    public String toString() {
        return "EmbeddedHiveMetastore[" + uri() + (directory == null ? ", in memory" : ", " + directory) + "]";
    }
}
