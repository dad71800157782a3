package dev.lakeport.localcopy;

import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Writes the sample's data files from a Glue catalog: run in a JVM of its own, to compare its bytes with another's. */
public final class WriteSample {
    private WriteSample() {}

    /** Arguments: the Glue endpoint, the data root, the seed. */
    public static void main(String[] args) {
        Map<String, String> settings = new HashMap<>(dev.lakeport.config.SampleProject.settings(
                args[0],
                "http://127.0.0.1:1",
                "catalog",
                Path.of(args[1]).resolveSibling("results").toString()));
        settings.put("lakeport.source.type", "glue");
        SampleDataFiles.Summary s = SampleDataFiles.ensure(
                settings, Path.of(args[1]), Long.parseLong(args[2]), ProgressListener.NONE, CancellationToken.NONE);
        System.out.println(s);
    }
}
