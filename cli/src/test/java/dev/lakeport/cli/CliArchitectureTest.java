package dev.lakeport.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line finds catalogs by kind: a new connector needs no change here. */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    @Test
    void noCommandNamesAConcreteConnector() {
        noClasses()
                .that()
                .resideInAPackage("dev.lakeport.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.lakeport.connector.*..")
                .because("commands reach connectors through the ConnectorRegistry and the configuration's kinds")
                .check(CLI);
    }
}
