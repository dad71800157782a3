package dev.lakeport.launch;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The Spark application running in this JVM, reached through Spark's public {@code SparkSession} API by reflection:
 * core compiles against Spark's launcher library only, and Spark itself is on the classpath only where a local run is
 * possible. Spark's own stop request ({@code SparkAppHandle.stop()}) stops a local application's executor but not its
 * context, which leaves a running action waiting forever; stopping the context fails the action under way and every
 * later one, and the job then ends itself with a summary that says so.
 */
final class SparkInThisProcess {
    private static final String SPARK_SESSION = "org.apache.spark.sql.SparkSession";

    private SparkInThisProcess() {}

    /** Stops the application's context; false if none is running here. */
    static boolean stop() {
        return sparkContext().map(sc -> call(sc, "stop")).isPresent();
    }

    /** Whether an application (a default session whose context is not stopped) lives in this JVM. */
    static boolean active() {
        return sparkContext()
                .map(sc -> !Boolean.TRUE.equals(call(sc, "isStopped")))
                .orElse(false);
    }

    private static Optional<Object> sparkContext() {
        try {
            Class<?> sessions = Class.forName(SPARK_SESSION, false, loader());
            Object option = sessions.getMethod("getDefaultSession").invoke(null);
            if (Boolean.TRUE.equals(option.getClass().getMethod("isEmpty").invoke(option))) {
                return Optional.empty();
            }
            Object session = option.getClass().getMethod("get").invoke(option);
            return Optional.of(session.getClass().getMethod("sparkContext").invoke(session));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new JobException("could not reach the Spark application of this process: " + e, e);
        }
    }

    private static Object call(Object target, String method) {
        try {
            Object result = target.getClass().getMethod(method).invoke(target);
            return result == null ? Boolean.TRUE : result;
        } catch (InvocationTargetException e) {
            throw new JobException("Spark's " + method + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new JobException("could not call Spark's " + method + ": " + e, e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : SparkInThisProcess.class.getClassLoader();
    }
}
