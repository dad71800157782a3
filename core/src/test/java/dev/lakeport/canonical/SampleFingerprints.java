package dev.lakeport.canonical;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.glue.GlueConnector;
import dev.lakeport.connector.glue.GlueConnectorConfig;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.mapping.GlueToDlfMapping;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Table;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Secret;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link FingerprintStabilityTest}: reads the sample catalog from a Glue emulator and prints
 * every object's key with its fingerprint, as read and as mapped to DLF, one per line in key order. The argument
 * names the order in which classes are loaded and introspected first, since that order decides the order in which a
 * JVM reports a class's methods.
 */
public final class SampleFingerprints {
    static final int PARTITIONS = 3_000;

    private SampleFingerprints() {}

    public static void main(String[] args) throws Exception {
        warmUp(args.length > 0 ? args[0] : "none");
        Map<String, String> lines = new TreeMap<>();
        GlueToDlfMapping mapping = new GlueToDlfMapping(LocationMapper.identity());
        try (GlueEmulator glue = GlueEmulator.start()) {
            SampleCatalog.generate(glue.store(), new SampleCatalog.Options(11L, PARTITIONS, "eu-central-1"));
            GlueConnectorConfig config = GlueConnectorConfig.of(
                            "eu-central-1",
                            new AwsCredentials.StaticKeys(
                                    "AKIA" + "EMULATOR00000001", Secret.of("emulator-secret-key"), Optional.empty()))
                    .withEndpoint(glue.endpoint());
            try (GlueConnector connector = new GlueConnector(config);
                    CatalogReader reader = connector.reader()) {
                List<CatalogObject> objects = new ArrayList<>();
                try (Stream<Database> databases = reader.databases()) {
                    databases.forEach(objects::add);
                }
                for (CatalogObject d : List.copyOf(objects)) {
                    String db = ((Database) d).name();
                    List<Table> tables;
                    try (Stream<Table> s = reader.tables(db)) {
                        tables = s.toList();
                    }
                    objects.addAll(tables);
                    for (Table t : tables) {
                        try (Stream<? extends CatalogObject> s = reader.partitions(t, Optional.empty())) {
                            s.forEach(objects::add);
                        }
                    }
                    try (Stream<? extends CatalogObject> s = reader.functions(db)) {
                        s.forEach(objects::add);
                    }
                }
                for (CatalogObject o : objects) {
                    lines.put(
                            o.key().sortKey().replace('\u0001', '|'),
                            Long.toHexString(Fingerprint.of(o)) + " "
                                    + Long.toHexString(Fingerprint.of(mapping.apply(o))));
                }
            }
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        lines.forEach((k, v) -> out.println(k + "\t" + v));
        out.flush();
    }

    /**
     * Loads classes and asks Jackson about them in the named order. The probes declare methods named like the
     * model's derived getters, so that the names enter the JVM's symbol table in a different order.
     */
    private static void warmUp(String order) throws Exception {
        List<String> classes =
                switch (order) {
                    case "partition-first" -> List.of(
                            "dev.lakeport.canonical.SampleFingerprints$PartitionedProbe",
                            "dev.lakeport.canonical.SampleFingerprints$ViewProbe",
                            "dev.lakeport.model.Partition",
                            "dev.lakeport.model.Table");
                    case "view-first" -> List.of(
                            "dev.lakeport.canonical.SampleFingerprints$ViewProbe",
                            "dev.lakeport.canonical.SampleFingerprints$PartitionedProbe",
                            "dev.lakeport.model.Table",
                            "dev.lakeport.model.Partition");
                    default -> List.of();
                };
        for (String name : classes) {
            Class<?> c = Class.forName(name);
            c.getDeclaredMethods();
        }
    }

    static final class PartitionedProbe {
        public boolean isPartitioned() {
            return false;
        }

        public boolean isEmpty() {
            return false;
        }
    }

    static final class ViewProbe {
        public boolean isView() {
            return false;
        }

        public String format() {
            return "";
        }
    }
}
