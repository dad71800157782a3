package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import java.time.Instant;

/**
 * One line of the result log, with the seed's field names ({@code itemType, itemName, diffResult, isSuccess,
 * errorMsg}) plus when it finished and how long it took. {@code errorMsg} is empty on success, {@code "dry-run"} in a
 * dry run, and otherwise a connector error summary ({@code CODE (vendorCode): message}), never a credential.
 */
public record ResultRecord(
        String itemType,
        String itemName,
        String diffResult,
        boolean isSuccess,
        String errorMsg,
        Instant time,
        long durationMs) {

    /** The column order of the CSV file and of the JSON objects. */
    public static final String[] FIELDS = {
        "itemType", "itemName", "diffResult", "isSuccess", "errorMsg", "time", "durationMs"
    };

    /** The record of one item of a run, a partition named by its values alone (where no table is at hand). */
    public static ResultRecord of(
            ObjectKey key, DiffResult diffResult, Outcome outcome, String errorMsg, Instant time, long durationMs) {
        return of(key, ItemNames.WITHOUT_KEY_NAMES, DiffWords.SEED, diffResult, outcome, errorMsg, time, durationMs);
    }

    /**
     * The record of one item of a run, named by {@code names} ({@code db.table/dt=20240101/hr=03}), its result in the
     * route's {@code words}.
     */
    public static ResultRecord of(
            ObjectKey key,
            ItemNames names,
            DiffWords words,
            DiffResult diffResult,
            Outcome outcome,
            String errorMsg,
            Instant time,
            long durationMs) {
        return new ResultRecord(
                key.kind().itemType(),
                names.of(key),
                words.word(diffResult),
                outcome.isSuccess(),
                errorMsg == null ? "" : errorMsg,
                time,
                durationMs);
    }

    public ResultRecord {
        requireNonNull(itemType, "itemType is null");
        requireNonNull(itemName, "itemName is null");
        requireNonNull(diffResult, "diffResult is null");
        requireNonNull(errorMsg, "errorMsg is null");
        requireNonNull(time, "time is null");
    }
}
