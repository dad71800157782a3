package dev.lakeport.sparkjob;

import org.apache.spark.sql.SparkSession;

/** The tests' one local Spark session ({@link SharedSpark}), for tests in other packages. */
public final class SparkForTests {
    private SparkForTests() {}

    public static SparkSession session() {
        return SharedSpark.session();
    }
}
