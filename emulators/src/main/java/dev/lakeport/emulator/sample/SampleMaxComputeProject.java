package dev.lakeport.emulator.sample;

import dev.lakeport.emulator.maxcompute.MaxComputeStore;

/**
 * The sample's MaxCompute project: a V2.0 project with the new DECIMAL and the three-layer model, so that each sample
 * database becomes a schema of its own. Empty otherwise: the sample's runs fill it.
 */
public final class SampleMaxComputeProject {
    private SampleMaxComputeProject() {}

    /** Creates {@code project} in {@code store} if it is not there and sets its flags. */
    public static void prepare(MaxComputeStore store, String project) {
        if (!store.hasProject(project)) {
            store.createProject(project);
        }
        store.setProperty(project, "odps.sql.type.system.odps2", "true")
                .setProperty(project, "odps.sql.decimal.odps2", "true")
                .setProperty(project, "odps.schema.model.enabled", "true");
    }
}
