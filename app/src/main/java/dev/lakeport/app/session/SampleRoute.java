package dev.lakeport.app.session;

/**
 * The catalogs the sample project moves between, all on local servers: the Glue-, DLF- and MaxCompute-compatible
 * emulators and a real Hive Metastore started inside the app.
 */
public enum SampleRoute {
    /** The Glue emulator, holding the sample catalog, to the empty DLF emulator. */
    GLUE_TO_DLF(false),
    /** A Hive Metastore, holding the sample catalog (copied in by Lakeport from the Glue emulator), to DLF. */
    HIVE_TO_DLF(true),
    /** The Glue emulator to a Hive Metastore, locations kept. */
    GLUE_TO_HIVE(true),
    /** A Hive Metastore holding the sample catalog to the MaxCompute emulator, each database a schema of one project. */
    HIVE_TO_MAXCOMPUTE(true);

    private final boolean usesHive;

    SampleRoute(boolean usesHive) {
        this.usesHive = usesHive;
    }

    /** Whether the route needs the Hive Metastore, which only a source checkout carries. */
    public boolean usesHive() {
        return usesHive;
    }

    /** The route's key in the resource bundle: {@code project.sample.route.glue-to-dlf} and so on. */
    public String messageKey() {
        return "project.sample.route."
                + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
