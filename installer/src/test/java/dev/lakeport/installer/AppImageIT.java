package dev.lakeport.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app image as a user runs it: the command-line launcher starts on the bundled runtime with no Java on the PATH,
 * runs a diff of the sample catalog against the emulators it starts itself, writes only under the user's home, and
 * the image carries the Spark job for the Run page.
 */
class AppImageIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    private static Map<String, String> env;

    @BeforeAll
    static void userWithoutJava() throws IOException {
        assertThat(AppImage.launcher("lakeport-cli"))
                .as("the build leaves the app image (profile dist)")
                .isExecutable();
        // A user with no JDK: nothing on the PATH, no JAVA_HOME; the logs in a folder of the test's own.
        Path emptyPath = Files.createDirectories(work.resolve("no-java"));
        env = Map.of(
                "PATH", emptyPath.toString(),
                "JAVA_HOME", "",
                "LAKEPORT_LOG_DIR", work.resolve("logs").toString());
    }

    private static Processes.Result cli(String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(
                        Stream.of(AppImage.launcher("lakeport-cli").toString()), Stream.of(args))
                .toList();
        return Processes.run(command, work, env, COMMAND_TIMEOUT);
    }

    @Test
    void theCommandLineStartsOnTheBundledRuntime() throws Exception {
        Processes.Result result = cli("--version");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out())
                .startsWith("lakeport-cli " + AppImage.version())
                .contains("Java 17");
        // Each launcher finds its own logging configuration: no logback complaint about duplicates on the console.
        assertThat(result.err()).as(result.describe()).isEmpty();
    }

    @Test
    void theCommandLineDiffsTheSampleCatalogOnItsEmulators() throws Exception {
        Map<Path, Long> imageBefore = listing(AppImage.root());
        Path config = work.resolve("emulators.properties");
        Path emulatorsOut = work.resolve("emulators.out");
        Process emulators = Processes.start(
                List.of(
                        AppImage.launcher("lakeport-cli").toString(),
                        "emulators",
                        "--glue-port",
                        String.valueOf(freePort()),
                        "--dlf-port",
                        String.valueOf(freePort()),
                        "--partitions",
                        "240",
                        "--write-config",
                        config.toString()),
                work,
                env,
                emulatorsOut,
                work.resolve("emulators.err"));
        try {
            awaitLine(emulatorsOut, "Press Ctrl-C to stop.", emulators);

            Processes.Result load = cli("--quiet", "load", "--config", config.toString());
            assertThat(load.exitCode()).as(load.describe()).isZero();
            assertThat(load.out()).contains("5 databases, 27 tables, 240 partitions, 6 functions");

            Processes.Result diff = cli("--quiet", "diff", "--config", config.toString());
            assertThat(diff.exitCode()).as(diff.describe()).isZero();
            // Everything in Glue is new to the empty DLF: glueNew per kind, nothing to delete or update.
            assertThat(diff.out())
                    .containsPattern("database\\s+5\\s+0\\s+0")
                    .containsPattern("table\\s+27\\s+0\\s+0")
                    .containsPattern("partition\\s+240\\s+0\\s+0")
                    .containsPattern("function\\s+6\\s+0\\s+0");
        } finally {
            emulators.destroy();
            emulators.waitFor();
        }
        // one log file per run, lakeport-cli-<time>-<pid>.log (a run that logged nothing leaves an empty one)
        try (var logs = Files.list(work.resolve("logs"))) {
            assertThat(logs.filter(f -> f.getFileName().toString().matches("lakeport-cli-.*\\.log")))
                    .as("the command line logs where it is told, outside the image")
                    .isNotEmpty()
                    .anySatisfy(f -> assertThat(f).isNotEmptyFile());
        }
        assertThat(listing(AppImage.root()))
                .as("nothing is written into the installed image")
                .isEqualTo(imageBefore);
    }

    @Test
    void theImageCarriesTheSparkJobBesideTheEngine() throws Exception {
        Path job = AppImage.appDir().resolve("spark").resolve("lakeport-spark-job.jar");
        assertThat(job).isNotEmptyFile();
        try (JarFile jar = new JarFile(job.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.lakeport.sparkjob.MigrationJob");
        }
        // The engine's jar sits beside spark/, where the engine looks for the job.
        try (Stream<Path> files = Files.list(AppImage.appDir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("lakeport-core-" + AppImage.version() + ".jar");
        }
        // A file to hand to a cluster, never on a launcher's class path (it shades a second copy of the engine).
        try (Stream<Path> cfgs =
                Files.list(AppImage.appDir()).filter(p -> p.toString().endsWith(".cfg"))) {
            for (Path cfg : cfgs.toList()) {
                assertThat(Files.readString(cfg)).doesNotContain("lakeport-spark-job");
            }
        }
    }

    @Test
    void theSparkJobCarriesTheMaxComputeSdkWithoutItsExtras() throws Exception {
        Path job = AppImage.appDir().resolve("spark").resolve("lakeport-spark-job.jar");
        List<String> entries;
        try (JarFile jar = new JarFile(job.toFile())) {
            entries = jar.stream().map(e -> e.getName()).toList();
        }
        // The Tunnel, its record format and the metadata calls the job's copy makes.
        assertThat(entries)
                .contains(
                        "com/aliyun/odps/Odps.class",
                        "com/aliyun/odps/tunnel/TableTunnel.class",
                        "com/aliyun/odps/commons/proto/ProtobufRecordStreamWriter.class",
                        "dev/lakeport/shaded/hive/metastore/api/ThriftHiveMetastore$Client.class");
        // What the SDK brings beside itself, what only the desktop's keyring needs, and the asynchronous clients:
        // none of it is on the job's paths, and Spark brings its own Arrow and LZ4.
        assertThat(entries)
                .noneMatch(e -> e.startsWith("org/apache/arrow/")
                        || e.startsWith("com/aliyun/odps/table/arrow/")
                        || e.startsWith("org/antlr/v4/Tool")
                        || e.startsWith("org/locationtech/jts/")
                        || e.startsWith("net/jpountz/")
                        || e.startsWith("com/github/luben/")
                        || e.startsWith("org/xerial/snappy/")
                        || e.startsWith("com/sun/jna/")
                        || e.startsWith("dev/lakeport/shaded/netty/")
                        || e.startsWith("dev/lakeport/shaded/hive/metastore/api/ThriftHiveMetastore$AsyncClient")
                        || e.startsWith("dev/lakeport/shaded/hive/metastore/api/ThriftHiveMetastore$Processor"));
    }

    /**
     * The package carries only the Hive Metastore's Thrift client and structs: the client links with the image's jars
     * alone and answers a call (a scripted reply, read through the image's Thrift) with what the metastore said.
     */
    @Test
    void theHiveMetastoreClientWorksWithTheImagesJars() throws Exception {
        try (URLClassLoader image = imageClassLoader()) {
            String api = "org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore";
            Class<?> transport = image.loadClass("org.apache.thrift.transport.TTransport");
            Class<?> memory = image.loadClass("org.apache.thrift.transport.TMemoryBuffer");
            Class<?> protocolType = image.loadClass("org.apache.thrift.protocol.TProtocol");
            Class<?> binary = image.loadClass("org.apache.thrift.protocol.TBinaryProtocol");
            Class<?> message = image.loadClass("org.apache.thrift.protocol.TMessage");
            Class<?> client = Class.forName(api + "$Client", true, image);
            Class<?> result = Class.forName(api + "$get_all_databases_result", true, image);

            Object in = binary.getConstructor(transport)
                    .newInstance(memory.getConstructor(int.class).newInstance(256));
            Object out = binary.getConstructor(transport)
                    .newInstance(memory.getConstructor(int.class).newInstance(256));
            // the metastore's reply to the client's first call (sequence id 1): two databases
            Object reply = result.getConstructor().newInstance();
            result.getMethod("setSuccess", List.class).invoke(reply, List.of("sales", "web"));
            protocolType
                    .getMethod("writeMessageBegin", message)
                    .invoke(
                            in,
                            message.getConstructor(String.class, byte.class, int.class)
                                    .newInstance("get_all_databases", (byte) 2, 1));
            result.getMethod("write", protocolType).invoke(reply, in);
            protocolType.getMethod("writeMessageEnd").invoke(in);

            Object metastore = client.getConstructor(protocolType, protocolType).newInstance(in, out);
            assertThat(client.getMethod("get_all_databases").invoke(metastore)).isEqualTo(List.of("sales", "web"));
            // the server side and the gRPC stubs are not in the package
            assertThat(image.getResource("org/apache/hadoop/hive/metastore/api/ThriftHiveMetastore$Processor.class"))
                    .isNull();
            assertThat(image.getResource("org/apache/hadoop/hive/metastore/grpc/"))
                    .isNull();
        }
    }

    /**
     * The image's jars keep the native libraries of the platform the package is for (the others are left out on Linux
     * x64): JNA (the keyring) and LZ4 (the Tunnel's LZ4 frames) load theirs and work.
     */
    @Test
    void theNativeLibrariesOfThisPlatformWork() throws Exception {
        try (URLClassLoader image = imageClassLoader()) {
            Class<?> jna = Class.forName("com.sun.jna.Native", true, image);
            assertThat(jna.getField("POINTER_SIZE").getInt(null)).isEqualTo(8);

            Class<?> factory = image.loadClass("net.jpountz.lz4.LZ4Factory");
            Object lz4 = factory.getMethod("nativeInstance").invoke(null);
            byte[] text = "lakeport ".repeat(200).getBytes(StandardCharsets.UTF_8);
            Object compressor = factory.getMethod("fastCompressor").invoke(lz4);
            byte[] packed = (byte[])
                    compressor.getClass().getMethod("compress", byte[].class).invoke(compressor, text);
            Object decompressor = factory.getMethod("fastDecompressor").invoke(lz4);
            byte[] unpacked = (byte[]) decompressor
                    .getClass()
                    .getMethod("decompress", byte[].class, int.class)
                    .invoke(decompressor, packed, text.length);
            assertThat(packed.length).isLessThan(text.length / 10);
            assertThat(unpacked).isEqualTo(text);
        }
    }

    private static URLClassLoader imageClassLoader() throws IOException {
        try (Stream<Path> files = Files.list(AppImage.appDir())) {
            return new URLClassLoader(
                    files.filter(p -> p.toString().endsWith(".jar"))
                            .map(AppImageIT::url)
                            .toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader());
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    @Test
    void theRuntimeIsTrimmed() throws Exception {
        Path release;
        try (Stream<Path> files = Files.walk(AppImage.runtime(), 3)) {
            release = files.filter(p -> p.getFileName().toString().equals("release"))
                    .findFirst()
                    .orElseThrow();
        }
        String modules = Files.readAllLines(release).stream()
                .filter(l -> l.startsWith("MODULES="))
                .findFirst()
                .orElseThrow();
        assertThat(modules).contains("java.desktop", "java.sql", "jdk.crypto.ec", "jdk.httpserver");
        // No compiler, debugger or JDK tools: a runtime, not a JDK.
        assertThat(modules).doesNotContain("jdk.compiler", "jdk.jdi", "jdk.jlink", "jdk.jpackage");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitLine(Path file, String line, Process process) throws Exception {
        Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(file).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "the emulators stopped (exit " + process.exitValue() + "): " + Files.readString(file));
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "the emulators did not start within " + COMMAND_TIMEOUT + ": " + Files.readString(file));
    }

    /** Every file of a tree with its size: what an install folder holds. */
    private static Map<Path, Long> listing(Path root) throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p), Files.size(p));
            }
        }
        return files;
    }
}
