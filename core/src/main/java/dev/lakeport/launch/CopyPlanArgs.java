package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a copy plan reaches the data copy's job ({@link JobConf#COPY_MAIN_CLASS}) without a disk the cluster shares
 * with this computer: inline, as gzip then Base64 of the plan's JSON ({@code --plan-base64}), the way the settings
 * travel; or as a location the cluster reads through Hadoop's file systems ({@code --plan oss://…}, {@code hdfs://…}).
 *
 * <p>An argument has a bound: Linux refuses a single argument over 128 KiB ({@code MAX_ARG_STRLEN}), and a Livy batch's
 * arguments go the same way to spark-submit. A plan whose inline form exceeds {@link #MAX_INLINE_CHARS} is refused
 * with the sizes, and the user uploads the plan instead. A plan holds no credentials, so either way is safe.
 */
public final class CopyPlanArgs {
    public static final String ARG_PLAN = "--plan";
    public static final String ARG_PLAN_BASE64 = "--plan-base64";
    /** 120 KiB: under Linux's 128 KiB for one argument, with room for the rest of the command line's own limits. */
    public static final int MAX_INLINE_CHARS = 120 * 1024;

    private CopyPlanArgs() {}

    /**
     * {@code --plan-base64 B64} for the plan's JSON.
     *
     * @throws IllegalArgumentException when the inline form is over {@link #MAX_INLINE_CHARS}, naming both sizes
     */
    public static List<String> inline(String planJson) {
        requireNonNull(planJson, "planJson is null");
        String encoded = encode(planJson);
        if (encoded.length() > MAX_INLINE_CHARS) {
            throw new IllegalArgumentException("the copy plan is too large to pass inline: "
                    + String.format(java.util.Locale.ROOT, "%,d", encoded.length()) + " characters of "
                    + ARG_PLAN_BASE64 + " (gzip and Base64 of "
                    + String.format(java.util.Locale.ROOT, "%,d", planJson.getBytes(StandardCharsets.UTF_8).length)
                    + " bytes of JSON), over the " + String.format(java.util.Locale.ROOT, "%,d", MAX_INLINE_CHARS)
                    + " one argument may carry; write the plan where the cluster can read it (oss://…, hdfs://…) and"
                    + " give that location (" + ARG_PLAN + "), or plan fewer tables per job");
        }
        return List.of(ARG_PLAN_BASE64, encoded);
    }

    /** {@code --plan LOCATION}: a plan the cluster reads itself. */
    public static List<String> location(String location) {
        requireNonNull(location, "location is null");
        if (location.isBlank()) {
            throw new IllegalArgumentException(ARG_PLAN + " needs a location");
        }
        return List.of(ARG_PLAN, location.strip());
    }

    /** Gzip then Base64 of the text's UTF-8 bytes. */
    static String encode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * The plan's bytes from {@code --plan-base64}'s value.
     *
     * @throws IllegalArgumentException naming the argument when it is not Base64 of gzip data
     */
    public static byte[] decode(String base64) {
        byte[] zipped;
        try {
            zipped = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ARG_PLAN_BASE64 + " is not valid Base64: " + e.getMessage(), e);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    ARG_PLAN_BASE64 + " is not a gzip-compressed copy plan: " + e.getMessage(), e);
        }
    }
}
