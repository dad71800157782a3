package dev.lakeport.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, enforced: a broken import fails the build. */
class CoreArchitectureTest {
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
                .resideOutsideOfPackage("dev.lakeport.job..")
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
    void connectorPackagesDoNotImportEachOther() {
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.connector.glue..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.connector.dlf..")
                .check(core);
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.connector.dlf..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.connector.glue..")
                .check(core);
    }

    @Test
    void vendorSdksStayInsideTheirConnectors() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.lakeport.connector.glue..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk.services.glue..")
                .check(core);
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.lakeport.connector.dlf..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.aliyun.datalake20200710..")
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
