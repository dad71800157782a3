package dev.lakeport.emulator.maxcompute;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST answers of the three-layer model: {@code GET /projects/p/schemas} (a listing with a marker on every page,
 * as tables have) and {@code GET /projects/p/schemas/s}. Anything below a schema ({@code /schemas/s/tables/...}) is
 * answered as the project's tables are, for the namespace {@code p.s}.
 */
final class Schemas {
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private Schemas() {}

    /**
     * The XML answer for a schema listing or description, or empty when the path goes on below the schema.
     *
     * @param schema the schema in the path, null for the listing
     * @param below the path after {@code /schemas/s}, null when there is none
     */
    static Optional<String> answer(
            MaxComputeStore store, String project, String schema, String below, Map<String, String> query) {
        if (schema == null) {
            return Optional.of(list(store, project, query));
        }
        if (below != null && !below.isEmpty()) {
            store.schema(project, schema).orElseThrow(() -> notFound(project, schema));
            return Optional.empty();
        }
        MaxComputeStore.Schema s = store.schema(project, schema).orElseThrow(() -> notFound(project, schema));
        return Optional.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml(project, s));
    }

    private static String list(MaxComputeStore store, String project, Map<String, String> query) {
        List<MaxComputeStore.Schema> all = store.schemas(project);
        String marker = query.get("marker");
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            while (from < all.size() && all.get(from).name().compareTo(marker) < 0) {
                from++;
            }
        }
        int limit = MaxComputeEmulator.DEFAULT_PAGE;
        String raw = query.get("maxitems");
        if (raw != null && raw.matches("\\d+") && Integer.parseInt(raw) > 0) {
            limit = Integer.parseInt(raw);
        }
        int to = Math.min(all.size(), from + limit);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Schemas>");
        for (MaxComputeStore.Schema s : all.subList(from, to)) {
            xml.append(xml(project, s));
        }
        String next = to < all.size() ? all.get(to).name() : "";
        // As for tables, the Marker must be on every page; empty ends the listing.
        xml.append("<Marker>").append(Xml.escape(next)).append("</Marker></Schemas>");
        return xml.toString();
    }

    private static String xml(String project, MaxComputeStore.Schema s) {
        String time = RFC_822.format(Instant.ofEpochSecond(s.createTime()));
        return "<Schema><Name>" + Xml.escape(s.name()) + "</Name><Project>" + Xml.escape(project)
                + "</Project><Comment>" + Xml.escape(s.comment()) + "</Comment><Type>MANAGED</Type><CreateTime>"
                + time + "</CreateTime><ModifiedTime>" + time + "</ModifiedTime><Owner>ALIYUN$lakeport@emulator"
                + "</Owner></Schema>";
    }

    private static MaxComputeException notFound(String project, String schema) {
        return new MaxComputeException(
                404, "NoSuchObject", "ODPS-0110061: Schema not found - '" + project + "." + schema + "'.");
    }
}
