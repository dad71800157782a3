package dev.lakeport.sparkjob;

/** The Spark job's entry point (being built). */
public final class GlueToDlfJob {
    private GlueToDlfJob() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not built yet");
    }
}
