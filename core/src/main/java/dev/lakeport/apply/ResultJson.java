package dev.lakeport.apply;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lakeport.model.ObjectKey;
import java.io.IOException;

/**
 * Writes result records as JSON objects with the seed's field names, by hand rather than by bean mapping, so that
 * {@code isSuccess} keeps its exact name and the field order is stable.
 */
public final class ResultJson {
    private ResultJson() {}

    public static void writeFields(JsonGenerator g, ResultRecord r) throws IOException {
        g.writeStringField("itemType", r.itemType());
        g.writeStringField("itemName", r.itemName());
        g.writeStringField("diffResult", r.diffResult());
        g.writeBooleanField("isSuccess", r.isSuccess());
        g.writeStringField("errorMsg", r.errorMsg());
        g.writeStringField("time", r.time().toString());
        g.writeNumberField("durationMs", r.durationMs());
    }

    public static void write(JsonGenerator g, ResultRecord r) throws IOException {
        g.writeStartObject();
        writeFields(g, r);
        g.writeEndObject();
    }

    /**
     * One line of a result file: the seed's fields, then {@code outcome} and {@code key} (additions a reader of the
     * seed's log ignores), so that {@link ResultFiles} reads the record back exactly.
     */
    public static void writeLine(JsonGenerator g, ResultRecord r, Outcome outcome, ObjectKey key) throws IOException {
        g.writeStartObject();
        writeFields(g, r);
        g.writeStringField("outcome", outcome.name());
        writeKey(g, key);
        g.writeEndObject();
    }

    /** The key's parts, so that it parses back exactly (names and values may hold dots and slashes). */
    public static void writeKey(JsonGenerator g, ObjectKey key) throws IOException {
        g.writeObjectFieldStart("key");
        g.writeStringField("kind", key.kind().itemType());
        g.writeStringField("database", key.database());
        if (key.name().isPresent()) {
            g.writeStringField("name", key.name().get());
        }
        if (!key.partitionValues().isEmpty()) {
            g.writeArrayFieldStart("partitionValues");
            for (String v : key.partitionValues()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
