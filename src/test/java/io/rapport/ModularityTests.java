package io.rapport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import io.rapport.store.RowGate;
import io.rapport.store.RowSecuritySql;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Fails the build when a module reaches into another module's internal package, when modules depend on each
 * other in a cycle, or when an edge module (web, webapi, importing) or a feature module talks to the store (security
 * only supplies the store's row-security SPI; a feature module may supply a row gate, as service does for private
 * queues).
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(RapportApplication.class);
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rapport");

    @Test
    void modulesOnlyUseEachOthersPublicTypesAndHaveNoCycles() {
        MODULES.verify();
    }

    @Test
    void onlyThePipelineAndPlatformModulesUseTheStore() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.rapport.web..", "io.rapport.webapi..",
                        "io.rapport.importing..", "io.rapport.sales..", "io.rapport.service..",
                        "io.rapport.marketing..", "io.rapport.activity..", "io.rapport.security..",
                        "io.rapport.contactsync..", "io.rapport.mail..")
                .should().dependOnClassesThat(resideInAPackage("io.rapport.store..")
                        .and(not(belongToAnyOf(RowSecuritySql.class, RowGate.class))))
                .allowEmptyShould(true);
        rule.check(MAIN_CLASSES);
    }

    @Test
    void onlySecuritySuppliesRowSecuritySql() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("io.rapport.security..", "io.rapport.store..")
                .should().dependOnClassesThat(belongToAnyOf(RowSecuritySql.class));
        rule.check(MAIN_CLASSES);
    }

    @Test
    void writeModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
