package cn.sanwu.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** shared-model is used by the JavaFX client and the Javalin server alike, so it must know neither. */
class ArchitectureTest {

    @Test
    void modelDependsOnNoUiServerHttpOrDatabaseApi() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.sanwu.model");
        noClasses().that().resideInAPackage("cn.sanwu.model..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.javalin..", "okhttp3..", "java.sql..", "javax.sql..")
                .check(classes);
    }
}
