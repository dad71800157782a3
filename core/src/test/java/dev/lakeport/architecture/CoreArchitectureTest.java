package dev.lakeport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, enforced: a broken import fails the build. */
class CoreArchitectureTest {
    /** Cloud, metastore and warehouse client libraries: only a connector package may use them. */
    private static final String[] VENDOR_SDKS = {
        "software.amazon.awssdk..",
        "com.amazonaws..",
        "com.aliyun..",
        "com.aliyuncs..",
        "org.apache.hadoop.hive..",
        "org.apache.thrift..",
        "com.databricks..",
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        // Only core's own classes: the test classpath also holds the emulators, which may use anything.
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    @Test
    void coreUsesNeitherJavaFxNorSpark() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(core);
        // Spark's launcher library (a client, no Spark runtime) only, and only where jobs are submitted.
        noClasses()
                .should()
                .dependOnClassesThat(resideInAPackage("org.apache.spark..")
                        .and(not(resideInAPackage("org.apache.spark.launcher.."))))
                .check(core);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.lakeport.launch..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.spark..")
                .check(core);
    }

    @Test
    void coreNeverUsesTheEmulators() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.emulator..")
                .check(core);
    }

    @Test
    void packagesDoNotDependOnEachOtherInCycles() {
        slices().matching("dev.lakeport.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void connectorPackagesDoNotImportEachOther() {
        // One rule for every connector, present and future: a system's package sees only the SPI, never another system.
        slices().matching("dev.lakeport.connector.(*)..")
                .should()
                .notDependOnEachOther()
                .because("a connector is one package; what two systems share belongs to the connector SPI")
                .check(core);
    }

    @Test
    void concreteConnectorsAreFoundOnlyThroughTheRegistry() {
        // Adding a system is one package plus one line in META-INF/services: nothing else may name a connector.
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.lakeport.connector.*..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.connector.*..")
                .because("the engine finds connectors by kind in the ConnectorRegistry, never by class")
                .check(core);
    }

    @Test
    void vendorSdksStayInsideTheConnectors() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.lakeport.connector.*..")
                .and()
                .resideOutsideOfPackage("dev.lakeport.copy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(VENDOR_SDKS)
                .because("vendor types and exceptions stop at the connector; the engine sees only the SPI")
                .check(core);
        // The data copy writes through the MaxCompute Tunnel, a data plane no catalog connector offers: that SDK only.
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.copy..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(VENDOR_SDKS).and(not(resideInAPackage("com.aliyun.odps.."))))
                .check(core);
    }

    /**
     * The steps of the data's way depend only downward: read, store, map, diff, plan, apply, report. Settings
     * ({@code config}) build the steps' options, the launchers ({@code job}) start a run elsewhere, and the pipeline
     * ({@code project}) strings every step together; the model, canonical form and progress are shared by all.
     */
    @Test
    void theStepsDependOnlyDownward() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("shared")
                .definedBy(
                        "dev.lakeport.model..",
                        "dev.lakeport.canonical..",
                        "dev.lakeport.progress..",
                        "dev.lakeport.filter..",
                        "dev.lakeport.naming..")
                .layer("credentials")
                .definedBy("dev.lakeport.secret..")
                .layer("read")
                .definedBy("dev.lakeport.connector..")
                .layer("store")
                .definedBy("dev.lakeport.snapshot..", "dev.lakeport.load..")
                .layer("map")
                .definedBy("dev.lakeport.mapping..")
                .layer("diff")
                .definedBy("dev.lakeport.diff..")
                .layer("route")
                .definedBy("dev.lakeport.route..")
                .layer("plan")
                .definedBy("dev.lakeport.plan..")
                .layer("copy")
                .definedBy("dev.lakeport.copy..")
                .layer("apply")
                .definedBy("dev.lakeport.apply..")
                .layer("assess")
                .definedBy("dev.lakeport.assess..")
                .layer("report")
                .definedBy("dev.lakeport.report..", "dev.lakeport.verify..")
                .layer("settings")
                .definedBy("dev.lakeport.config..")
                .layer("launch")
                .definedBy("dev.lakeport.launch..")
                .layer("pipeline")
                .definedBy("dev.lakeport.pipeline..")
                .whereLayer("pipeline")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("launch")
                .mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("settings")
                .mayOnlyBeAccessedByLayers("launch", "pipeline")
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers(above("report"))
                .whereLayer("assess")
                .mayOnlyBeAccessedByLayers(above("assess"))
                .whereLayer("apply")
                .mayOnlyBeAccessedByLayers(above("apply"))
                .whereLayer("copy")
                .mayOnlyBeAccessedByLayers(above("copy"))
                .whereLayer("plan")
                .mayOnlyBeAccessedByLayers(above("plan"))
                .whereLayer("route")
                .mayOnlyBeAccessedByLayers(above("route"))
                .whereLayer("diff")
                .mayOnlyBeAccessedByLayers(above("diff"))
                .whereLayer("map")
                .mayOnlyBeAccessedByLayers(above("map"))
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers(above("store"))
                .whereLayer("read")
                .mayOnlyBeAccessedByLayers(above("read"))
                .whereLayer("credentials")
                .mayOnlyBeAccessedByLayers(above("credentials"))
                .withOptionalLayers(true)
                .check(core);
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.lakeport.connector.hive..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.hadoop.hive.metastore..", "org.apache.thrift..")
                .check(core);
    }

    /** The Hive connector speaks the metastore's Thrift API only: Hadoop is not on core's class path. */
    @Test
    void coreUsesNoHadoopBeyondTheMetastoreThriftApi() {
        noClasses()
                .should()
                .dependOnClassesThat(resideInAPackage("org.apache.hadoop..")
                        .and(not(resideInAPackage("org.apache.hadoop.hive.metastore.api.."))))
                .check(core);
    }

    private static final List<String> LAYERS = List.of(
            "shared",
            "credentials",
            "read",
            "store",
            "map",
            "diff",
            "route",
            "plan",
            "copy",
            "apply",
            "assess",
            "report",
            "settings",
            "launch",
            "pipeline");

    private static String[] above(String layer) {
        return LAYERS.subList(LAYERS.indexOf(layer) + 1, LAYERS.size()).toArray(String[]::new);
    }

    @Test
    void theKeyringLibraryStaysInTheSecretPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.lakeport.secret..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.github.javakeyring..", "org.freedesktop..", "com.sun.jna..")
                .check(core);
    }

    @Test
    void theModelDependsOnNothingElseOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lakeport.connector..",
                        "dev.lakeport.snapshot..",
                        "dev.lakeport.mapping..",
                        "dev.lakeport.diff..",
                        "dev.lakeport.apply..")
                .check(core);
    }
}
