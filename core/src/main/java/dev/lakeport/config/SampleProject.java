package dev.lakeport.config;

/**
 * The sample project's configuration: a seed-style application.properties that points at the local Glue- and
 * DLF-compatible emulators. The command line and the desktop start the emulators; this class only writes the text.
 */
public final class SampleProject {
    public static final long SEED = 20240101L;
    public static final String REGION = "eu-central-1";

    private SampleProject() {}

    /**
     * A seed-style application.properties for emulators at the given endpoints. The emulators accept any key, so the
     * credentials are placeholders, not secrets.
     */
    public static String properties(
            String glueEndpoint, String dlfEndpoint, String dlfCatalogId, String resultOutputPath) {
        return """
                # Lakeport sample project: AWS Glue -> Alibaba Cloud DLF on local emulators (no cloud account needed).
                # The keys are those of the Glue -> DLF migration guide; lakeport.* keys are Lakeport's extensions.
                aws.accessKeyId=AKIDSAMPLEEMULATOR01
                aws.secretAccessKey=sample-secret-not-used
                aws.region=%1$s
                aws.catalogId=123456789012
                mode=increment
                comparePartition=true
                aliyun.accessKeyId=LTSAMPLEEMULATOR01
                aliyun.secretAccessKey=sample-secret-not-used
                aliyun.region=%1$s
                aliyun.endpoint=%3$s
                aliyun.catalogId=%4$s
                location.convertMap={"s3://lakeport-sample-%1$s/":"oss://lakeport-sample-%1$s/"}
                result.output.path=%5$s
                lakeport.aws.endpoint=%2$s
                lakeport.aliyun.protocol=HTTP
                """
                .formatted(REGION, glueEndpoint, dlfEndpoint, dlfCatalogId, resultOutputPath.replace('\\', '/'));
    }

    /** The same configuration as a mutable settings map, for code that adjusts a key or two before loading it. */
    public static java.util.Map<String, String> settings(
            String glueEndpoint, String dlfEndpoint, String dlfCatalogId, String resultOutputPath) {
        return settingsOf(properties(glueEndpoint, dlfEndpoint, dlfCatalogId, resultOutputPath));
    }

    /** One of this class's properties texts as a mutable settings map. */
    public static java.util.Map<String, String> settingsOf(String propertiesText) {
        java.util.Properties properties = new java.util.Properties();
        try {
            properties.load(new java.io.StringReader(propertiesText));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Map<String, String> map = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    /**
     * The sample project from a Hive Metastore (holding the sample catalog) to the DLF emulator: the route
     * {@code hive-to-dlf}, the same locations rewritten.
     */
    public static String hiveToDlfProperties(
            String hiveUri, String dlfEndpoint, String dlfCatalogId, String resultOutputPath) {
        return """
                # Lakeport sample project: a Hive Metastore -> Alibaba Cloud DLF on local servers (no cloud account needed).
                lakeport.source.type=hive
                hive.metastore.uris=%2$s
                mode=increment
                comparePartition=true
                aliyun.accessKeyId=LTSAMPLEEMULATOR01
                aliyun.secretAccessKey=sample-secret-not-used
                aliyun.region=%1$s
                aliyun.endpoint=%3$s
                aliyun.catalogId=%4$s
                location.convertMap={"s3://lakeport-sample-%1$s/":"oss://lakeport-sample-%1$s/"}
                result.output.path=%5$s
                lakeport.aliyun.protocol=HTTP
                """
                .formatted(REGION, hiveUri, dlfEndpoint, dlfCatalogId, resultOutputPath.replace('\\', '/'));
    }

    /** The MaxCompute project the sample's Hive -> MaxCompute route writes to (three-layer: a schema per database). */
    public static final String MAXCOMPUTE_PROJECT = "lakeport_sample";

    /**
     * The sample project from a Hive Metastore to MaxCompute (route {@code hive-to-maxcompute}): each sample database
     * becomes a schema of the project {@value #MAXCOMPUTE_PROJECT}, its views views of that schema reading the tables
     * there. The metastore's tables have {@code file:} locations with data files (written by the command line or the
     * desktop when they start the sample); MaxCompute keeps no locations, so {@code location.convertMap} is empty.
     */
    public static String hiveToMaxComputeProperties(
            String hiveUri, String maxComputeEndpoint, String resultOutputPath) {
        return """
                # Lakeport sample project: a Hive Metastore -> Alibaba Cloud MaxCompute on local servers (no cloud account
                # needed). Each database becomes a schema of the project, its views too.
                # The tables' data files are on this computer (file: locations); MaxCompute keeps no locations, so
                # location.convertMap maps none.
                lakeport.source.type=hive
                hive.metastore.uris=%1$s
                lakeport.destination.type=maxcompute
                maxcompute.endpoint=%2$s
                maxcompute.accessKeyId=sample-access-id
                maxcompute.accessKeySecret=sample-secret-not-used
                maxcompute.project=%3$s
                mode=increment
                comparePartition=true
                location.convertMap={}
                result.output.path=%4$s
                """
                .formatted(hiveUri, maxComputeEndpoint, MAXCOMPUTE_PROJECT, resultOutputPath.replace('\\', '/'));
    }

    /**
     * The sample project from the Glue emulator to a Hive Metastore: the route {@code glue-to-hive}, locations kept
     * (a Hive on the same object store).
     */
    public static String glueToHiveProperties(String glueEndpoint, String hiveUri, String resultOutputPath) {
        return """
                # Lakeport sample project: AWS Glue -> a Hive Metastore on local servers (no cloud account needed).
                aws.accessKeyId=AKIDSAMPLEEMULATOR01
                aws.secretAccessKey=sample-secret-not-used
                aws.region=%1$s
                aws.catalogId=123456789012
                lakeport.aws.endpoint=%2$s
                lakeport.destination.type=hive
                hive.metastore.uris=%3$s
                mode=increment
                comparePartition=true
                location.convertMap={}
                result.output.path=%4$s
                """
                .formatted(REGION, glueEndpoint, hiveUri, resultOutputPath.replace('\\', '/'));
    }
}
