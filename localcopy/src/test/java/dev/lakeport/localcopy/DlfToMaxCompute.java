package dev.lakeport.localcopy;

import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The copy tests' two servers: a DLF source and a MaxCompute destination whose project {@value #PROJECT} holds the
 * 2.0 types and the new DECIMAL, with an SDK client on it and the settings of a project that copies {@code sales}
 * into it.
 */
final class DlfToMaxCompute implements AutoCloseable {
    static final String PROJECT = "lake";

    final DlfEmulator dlf;
    final MaxComputeEmulator maxCompute;
    final Odps odps;

    private DlfToMaxCompute(DlfEmulator dlf, MaxComputeEmulator maxCompute) {
        this.dlf = dlf;
        this.maxCompute = maxCompute;
        maxCompute.store().createProject(PROJECT);
        maxCompute.store().setProperty(PROJECT, "odps.sql.type.system.odps2", "true");
        maxCompute.store().setProperty(PROJECT, "odps.sql.decimal.odps2", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(maxCompute.endpoint());
        odps.setDefaultProject(PROJECT);
    }

    static DlfToMaxCompute start() {
        return new DlfToMaxCompute(DlfEmulator.start(), MaxComputeEmulator.start());
    }

    /** A project's settings for this pair, its results under {@code results}; callers add their own. */
    Map<String, String> settings(Path results) {
        Map<String, String> s = new HashMap<>();
        s.put("lakeport.source.type", "dlf");
        s.put("aliyun.accessKeyId", "test-dlf-id");
        s.put("aliyun.secretAccessKey", "test-secret");
        s.put("aliyun.region", "cn-hangzhou");
        s.put("aliyun.endpoint", dlf.endpoint());
        s.put("aliyun.catalogId", dlf.catalogId());
        s.put("lakeport.aliyun.protocol", "HTTP");
        s.put("lakeport.destination.type", "maxcompute");
        s.put("maxcompute.endpoint", maxCompute.endpoint());
        s.put("maxcompute.accessKeyId", "test-access-id");
        s.put("maxcompute.accessKeySecret", "test-secret");
        s.put("maxcompute.project", PROJECT);
        s.put("maxcompute.project.mapping", "{\"sales\": \"" + PROJECT + "\"}");
        s.put("location.convertMap", "{}");
        s.put("result.output.path", results.toString());
        return s;
    }

    @Override
    public void close() {
        dlf.close();
        maxCompute.close();
    }
}
