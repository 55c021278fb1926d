package cn.sanwu.client.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md §4 and STYLE.md, checked on the compiled client. */
class ClientArchitectureTest {

    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.sanwu.client");

    @Test
    void viewModelsImportNothingFromJavafxScene() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("ViewModels are tested without a screen; views bind to them")
                .check(CLIENT);
    }

    @Test
    void storeAndServicesDoNotDependOnTheUi() {
        noClasses().that().resideInAnyPackage("cn.sanwu.client.store..", "cn.sanwu.client.outbox..")
                .or().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLIENT);
    }

    @Test
    void nothingInterruptsThreadsThatMayBeInsideH2() {
        // STACK.md: an interrupt inside an H2 call closes the database file channel.
        // Named exception: FxBackgroundRunner restores the *calling* (UI) thread's interrupt flag
        // after an interrupted wait, the standard idiom; it never interrupts the database thread.
        noClasses().that().doNotHaveFullyQualifiedName("cn.sanwu.client.task.FxBackgroundRunner")
                .should().callMethod(Thread.class, "interrupt")
                .orShould().callMethod(java.util.concurrent.Future.class, "cancel", boolean.class)
                .orShould().callMethod(java.util.concurrent.ExecutorService.class, "shutdownNow")
                .check(CLIENT);
    }

    @Test
    void clientNeverImportsTheServer() {
        noClasses().should().dependOnClassesThat().resideInAPackage("cn.sanwu.server..").check(CLIENT);
    }
}
