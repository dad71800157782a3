package dev.lakeport.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The desktop's layers: view models never touch controls; nothing in the app calls a cloud SDK or names a concrete
 * connector.
 */
@AnalyzeClasses(packages = "dev.lakeport.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {
    @ArchTest
    static final ArchRule viewModelsDoNotTouchControls = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("controls belong to views; view models must run in tests without a screen");

    @ArchTest
    static final ArchRule servicesDoNotTouchControls = noClasses()
            .that()
            .resideInAnyPackage("dev.lakeport.app.session..", "dev.lakeport.app.i18n..")
            .or()
            .haveSimpleName("TaskRunner")
            .or()
            .haveSimpleName("DialogService")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule noCloudSdk = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk..", "com.aliyun..")
            .because("the GUI goes through the engine, never to a cloud SDK directly");

    @ArchTest
    static final ArchRule onlyTheRunnerCallsRunLater = noClasses()
            .that()
            .doNotHaveSimpleName("FxTaskRunner")
            .should()
            .callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("background work reaches the FX thread through the task runner only");

    @ArchTest
    static final ArchRule pagesAreFreeOfCycles = slices().matching("dev.lakeport.app.pages.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a wizard page is read and changed on its own; pages that need each other are one page");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dev.lakeport.app.(*)..").should().beFreeOfCycles();
    /** A class of one connector's own package, {@code dev.lakeport.connector.<kind>..}, present or future. */
    static final DescribedPredicate<JavaClass> CONCRETE_CONNECTOR = DescribedPredicate.describe(
            "belong to a concrete connector (a package under dev.lakeport.connector)",
            c -> c.getPackageName().startsWith("dev.lakeport.connector."));

    @ArchTest
    static final ArchRule connectorsOnlyThroughTheRegistry = noClasses()
            .should()
            .dependOnClassesThat(CONCRETE_CONNECTOR)
            .because("the desktop finds connectors by kind in the registry; a new catalog must need no desktop change");
}
