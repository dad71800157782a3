package dev.lakeport.app.pages.browse;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.browse.Details.ColumnRow;
import dev.lakeport.app.pages.browse.Details.Field;
import dev.lakeport.app.pages.browse.Details.Section;
import dev.lakeport.app.pages.browse.Details.Tone;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.SortColumn;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.TableSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a catalog object into the facts the details pane shows, in the user's words. A SOURCE object's locations are
 * shown as read and as {@code location.convertMap} rewrites them; a location no entry covers is marked. Pure: no
 * I/O, so it runs anywhere (the page runs it in a task, with the mapping of the current settings).
 */
final class DetailsBuilder {
    private final Messages messages;
    private final Side side;
    /** Empty when the settings are not valid, so the mapping is unknown. */
    private final Optional<LocationMapper> locations;

    DetailsBuilder(Messages messages, Side side, Optional<LocationMapper> locations) {
        this.messages = requireNonNull(messages, "messages is null");
        this.side = requireNonNull(side, "side is null");
        this.locations = requireNonNull(locations, "locations is null");
    }

    Details database(Database database, DatabaseSummary summary) {
        List<Field> general = new ArrayList<>();
        general.add(plain("name", database.name()));
        database.description().ifPresent(d -> general.add(plain("description", d)));
        addLocation(general, database.locationUri());
        database.createTime().ifPresent(t -> general.add(plain("created", time(t))));
        general.add(plain("tables", number(summary.tables())));
        general.add(plain("partitions", number(summary.partitions())));
        general.add(plain("functions", number(summary.functions())));
        List<Section> sections = new ArrayList<>();
        sections.add(Section.fields(title("general"), general));
        addParameters(sections, "parameters", database.parameters());
        return new Details(database.name(), kind("database"), sections);
    }

    Details table(TableSummary summary) {
        Table table = summary.table();
        List<Field> general = new ArrayList<>();
        general.add(plain("name", table.databaseName() + "." + table.name()));
        table.tableType().ifPresent(t -> general.add(plain("type", t)));
        general.add(plain("format", table.format().name()));
        table.owner().ifPresent(o -> general.add(plain("owner", o)));
        table.description().ifPresent(d -> general.add(plain("description", d)));
        table.createTime().ifPresent(t -> general.add(plain("created", time(t))));
        table.lastAccessTime().ifPresent(t -> general.add(plain("lastAccess", time(t))));
        table.lastAnalyzedTime().ifPresent(t -> general.add(plain("lastAnalyzed", time(t))));
        if (table.retention() > 0) {
            general.add(plain("retention", number(table.retention())));
        }
        if (table.isPartitioned()) {
            general.add(new Field(
                    name("partitionCount"),
                    summary.partitionsComplete()
                            ? number(summary.partitionCount())
                            : messages.get("browse.details.partitionsIncomplete", summary.partitionCount()),
                    summary.partitionsComplete() ? Tone.PLAIN : Tone.WARNING));
        }
        Optional<StorageDescriptor> sd = table.storageDescriptor();
        addLocation(general, sd.flatMap(StorageDescriptor::location));
        table.viewOriginalText().ifPresent(v -> general.add(code("viewOriginal", v)));
        table.viewExpandedText().ifPresent(v -> general.add(code("viewExpanded", v)));

        List<Section> sections = new ArrayList<>();
        sections.add(Section.fields(title("general"), general));
        sd.ifPresent(s -> sections.add(Section.columns(title("columns"), columns(s.columns()))));
        if (table.isPartitioned()) {
            sections.add(Section.columns(title("partitionKeys"), columns(table.partitionKeys())));
        }
        sd.ifPresent(s -> addStorage(sections, s));
        addParameters(sections, "parameters", table.parameters());
        return new Details(table.name(), kind(table.isView() ? "view" : "table"), sections);
    }

    Details partition(Table table, Partition partition) {
        List<Field> general = new ArrayList<>();
        general.add(plain("table", table.databaseName() + "." + table.name()));
        general.add(code("values", partitionName(table, partition)));
        partition.createTime().ifPresent(t -> general.add(plain("created", time(t))));
        partition.lastAccessTime().ifPresent(t -> general.add(plain("lastAccess", time(t))));
        partition.lastAnalyzedTime().ifPresent(t -> general.add(plain("lastAnalyzed", time(t))));
        Optional<StorageDescriptor> sd = partition.storageDescriptor();
        addLocation(general, sd.flatMap(StorageDescriptor::location));

        List<Section> sections = new ArrayList<>();
        sections.add(Section.fields(title("general"), general));
        sd.ifPresent(s -> {
            List<Column> tableColumns =
                    table.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of());
            // A partition written under an older schema has columns of its own: worth seeing.
            if (!s.columns().isEmpty() && !s.columns().equals(tableColumns)) {
                sections.add(Section.columns(title("partitionColumns"), columns(s.columns())));
            }
            addStorage(sections, s);
        });
        addParameters(sections, "parameters", partition.parameters());
        return new Details(partitionName(table, partition), kind("partition"), sections);
    }

    Details function(Function function) {
        List<Field> general = new ArrayList<>();
        general.add(plain("name", function.databaseName() + "." + function.name()));
        general.add(code("className", function.className()));
        function.functionType().ifPresent(t -> general.add(plain("functionType", t)));
        function.ownerName()
                .ifPresent(o -> general.add(plain(
                        "owner",
                        function.ownerType().map(t -> o + " (" + t + ")").orElse(o))));
        function.createTime().ifPresent(t -> general.add(plain("created", time(t))));
        List<Section> sections = new ArrayList<>();
        sections.add(Section.fields(title("general"), general));
        if (!function.resourceUris().isEmpty()) {
            List<Field> resources = new ArrayList<>();
            for (ResourceUri uri : function.resourceUris()) {
                resources.add(new Field(uri.resourceType(), uri.uri(), Tone.CODE));
                if (side == Side.SOURCE) {
                    resources.add(mapped(uri.uri()));
                }
            }
            sections.add(Section.fields(title("resources"), resources));
        }
        return new Details(function.name(), kind("function"), sections);
    }

    Details functions(String database, long count) {
        return new Details(
                messages.get("browse.node.functions"),
                kind("functions"),
                List.of(Section.fields(
                        title("general"), List.of(plain("database", database), plain("functions", number(count))))));
    }

    /**
     * {@code dt=20240101/hr=3}: the partition's values named by the table's partition keys, in Hive's escaped form, as
     * the result log, the Diff page and the reports name it.
     */
    static String partitionName(Table table, Partition partition) {
        return PartitionName.of(ItemNames.partitionKeyNames(table), partition.values());
    }

    private void addStorage(List<Section> sections, StorageDescriptor sd) {
        List<Field> storage = new ArrayList<>();
        sd.inputFormat().ifPresent(f -> storage.add(code("inputFormat", f)));
        sd.outputFormat().ifPresent(f -> storage.add(code("outputFormat", f)));
        SerDeInfo serDe = sd.serDeInfo();
        serDe.serializationLibrary().ifPresent(l -> storage.add(code("serDeLibrary", l)));
        serDe.name().ifPresent(n -> storage.add(plain("serDeName", n)));
        storage.add(plain("compressed", yesNo(sd.compressed())));
        if (sd.numberOfBuckets() > 0 || !sd.bucketColumns().isEmpty()) {
            storage.add(plain(
                    "buckets",
                    messages.get(
                            "browse.details.bucketsBy", sd.numberOfBuckets(), String.join(", ", sd.bucketColumns()))));
        }
        if (!sd.sortColumns().isEmpty()) {
            storage.add(plain(
                    "sortColumns",
                    sd.sortColumns().stream().map(this::sortColumn).collect(Collectors.joining(", "))));
        }
        SkewedInfo skew = sd.skewedInfo();
        if (!skew.isEmpty()) {
            storage.add(plain("skewedColumns", String.join(", ", skew.columnNames())));
            storage.add(plain(
                    "skewedValues",
                    skew.columnValues().stream()
                            .map(v -> "(" + String.join(", ", v) + ")")
                            .collect(Collectors.joining(" "))));
            skew.valueLocationMaps()
                    .forEach((values, location) ->
                            storage.add(new Field("(" + String.join(", ", values) + ")", location, Tone.CODE)));
        }
        storage.add(plain("subDirectories", yesNo(sd.storedAsSubDirectories())));
        sections.add(Section.fields(title("storage"), storage));
        addParameters(sections, "serDeParameters", serDe.parameters());
        addParameters(sections, "storageParameters", sd.parameters());
    }

    private String sortColumn(SortColumn c) {
        return c.column() + " "
                + messages.get(c.order() == 0 ? "browse.details.descending" : "browse.details.ascending");
    }

    private void addParameters(List<Section> sections, String titleKey, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        List<Field> rows = new ArrayList<>();
        new TreeMap<>(parameters).forEach((k, v) -> rows.add(new Field(k, v, Tone.CODE)));
        sections.add(Section.keyValues(title(titleKey), rows));
    }

    private void addLocation(List<Field> fields, Optional<String> location) {
        if (location.isEmpty()) {
            fields.add(plain("location", messages.get("browse.details.none")));
            return;
        }
        fields.add(code("location", location.get()));
        if (side == Side.SOURCE) {
            fields.add(mapped(location.get()));
        }
    }

    /** The location as {@code location.convertMap} rewrites it; marked when no entry covers it. */
    private Field mapped(String location) {
        String name = name("mappedLocation");
        if (locations.isEmpty()) {
            return new Field(name, messages.get("browse.details.mappingUnknown"), Tone.WARNING);
        }
        return locations
                .get()
                .map(location)
                .map(m -> new Field(name, m, Tone.CODE))
                .orElseGet(() -> new Field(name, messages.get("browse.details.notCovered"), Tone.WARNING));
    }

    private static List<ColumnRow> columns(List<Column> columns) {
        return columns.stream()
                .map(c -> new ColumnRow(c.name(), c.type(), c.comment().orElse("")))
                .toList();
    }

    private String time(Instant t) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(messages.locale())
                .withZone(ZoneId.systemDefault())
                .format(t);
    }

    private String number(long n) {
        return String.format(messages.locale(), "%,d", n);
    }

    private String yesNo(boolean value) {
        return messages.get(value ? "common.yes" : "common.no");
    }

    private Field plain(String key, String value) {
        return new Field(name(key), value, Tone.PLAIN);
    }

    private Field code(String key, String value) {
        return new Field(name(key), value, Tone.CODE);
    }

    private String name(String key) {
        return messages.get("browse.field." + key);
    }

    private String title(String key) {
        return messages.get("browse.section." + key);
    }

    private String kind(String key) {
        return messages.get("browse.kind." + key);
    }
}
