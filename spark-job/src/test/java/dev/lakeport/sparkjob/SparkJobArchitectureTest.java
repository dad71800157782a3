package dev.lakeport.sparkjob;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The job reaches catalogs only through the connector interfaces; one class builds the concrete connectors. */
class SparkJobArchitectureTest {
    private static final JavaClasses JOB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    @Test
    void onlyCatalogsNamesAConcreteConnector() {
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.sparkjob..")
                .and()
                .doNotHaveFullyQualifiedName(Catalogs.class.getName())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.connector.*..")
                .because("the job sees CatalogReader, CatalogWriter and their capabilities; Catalogs is where"
                        + " connectors are built")
                .check(JOB);
    }
}
