package dev.lakeport.emulator.glue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Prints the emulator's figures for a large sample catalog: heap bytes per stored partition, generation rate, and the
 * time to serialise and to serve a GetPartitions page of 1000. Not a test (it asserts nothing and takes a while); run
 * with {@code java -Xmx2g -cp <test classpath> dev.lakeport.emulator.glue.GlueEmulatorBench [partitions]}.
 */
public final class GlueEmulatorBench {
    private GlueEmulatorBench() {}

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (GlueEmulator emulator = GlueEmulator.start()) {
            // Warm the generator and serialiser code paths on a small catalog first.
            SampleCatalog.generate(
                    new GlueStore(), SampleCatalog.Options.defaults().withPartitions(200_000));

            long before = usedHeap();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            SampleCatalog.Summary summary = SampleCatalog.generate(
                    emulator.store(), SampleCatalog.Options.defaults().withPartitions(partitions));
            double seconds = (System.nanoTime() - start) / 1e9;
            // The machine may be shared: the generating thread's CPU time gives a rate independent of other load.
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            long after = usedHeap();
            System.out.printf(
                    "generated %,d partitions in %.2f s wall (%,.0f partitions/s), %.2f s CPU (%,.0f partitions/CPU-s)%n",
                    summary.partitions(),
                    seconds,
                    summary.partitions() / seconds,
                    cpuSeconds,
                    summary.partitions() / cpuSeconds);
            System.out.printf(
                    "heap: %,d bytes for the catalog, %.1f bytes per partition (%d shared storage descriptors)%n",
                    after - before,
                    (after - before) / (double) partitions,
                    emulator.store().sharedDescriptorCount());

            GlueOperations operations = new GlueOperations(emulator.store());
            ObjectNode request = Wire.NODES.objectNode();
            request.put("DatabaseName", "web_logs").put("TableName", "clicks").put("MaxResults", 1000);
            long[] serialise = new long[200];
            long[] serialiseCpu = new long[200];
            int bytes = 0;
            for (int i = 0; i < serialise.length; i++) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                try (JsonGenerator out = Wire.MAPPER.getFactory().createGenerator(buffer)) {
                    operations.find("GetPartitions").run(request, out);
                }
                serialise[i] = System.nanoTime() - t0;
                serialiseCpu[i] = threads.getCurrentThreadCpuTime() - c0;
                bytes = buffer.size();
            }
            System.out.printf(
                    "GetPartitions page of 1000, in process: median %.2f ms wall (p90 %.2f), median %.2f ms CPU,"
                            + " %,d bytes%n",
                    percentile(serialise, 50), percentile(serialise, 90), percentile(serialiseCpu, 50), bytes);

            HttpClient http = HttpClient.newHttpClient();
            long[] served = new long[100];
            String token = null;
            for (int i = 0; i < served.length; i++) {
                ObjectNode body = request.deepCopy();
                if (token != null) {
                    body.put("NextToken", token);
                }
                HttpRequest call = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                        .header("X-Amz-Target", "AWSGlue.GetPartitions")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<byte[]> response = http.send(call, HttpResponse.BodyHandlers.ofByteArray());
                served[i] = System.nanoTime() - t0;
                JsonNode page = Wire.MAPPER.readTree(response.body());
                token = page.path("NextToken").asText(null);
                if (token == null) {
                    served = Arrays.copyOf(served, i + 1);
                    break;
                }
            }
            System.out.printf(
                    "GetPartitions page of 1000 over HTTP (walking %d pages): median %.2f ms, p90 %.2f ms%n",
                    served.length, percentile(served, 50), percentile(served, 90));
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
