package dev.lakeport.sparkjob;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The job reaches catalogs only through the connector interfaces, and opens them by kind through the registry. */
class SparkJobArchitectureTest {
    private static final JavaClasses JOB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    @Test
    void noClassNamesAConcreteConnector() {
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.sparkjob..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.connector.*..")
                .because("the job sees CatalogReader, CatalogWriter and their capabilities; Catalogs opens"
                        + " connectors by the configuration's kinds through the ConnectorRegistry")
                .check(JOB);
    }
}
