package cn.sanwu.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4 and STYLE.md: the server never imports the client; services know nothing of HTTP. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.sanwu.server");

    @Test
    void serverDoesNotDependOnTheClientOrJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.sanwu.client..", "javafx..").check(classes);
    }

    @Test
    void servicesAndStoreKnowNothingOfJavalin() {
        noClasses().that().resideInAnyPackage("cn.sanwu.server.sync..", "cn.sanwu.server.device..", "cn.sanwu.server.store..",
                        "cn.sanwu.server.account..", "cn.sanwu.server.throttle..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..").check(classes);
    }

    @Test
    void noThreadInterruptsNearTheDatabase() {
        // H2 closes its file channel when a thread inside it is interrupted (STACK.md).
        noClasses().should().callMethod(Thread.class, "interrupt").check(classes);
    }
}
