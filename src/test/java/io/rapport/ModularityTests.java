package io.rapport;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Fails the build when a module reaches into another module's internal package, when modules depend on each
 * other in a cycle, or when an edge module (web, webapi, importing) or a feature module talks to the store.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(RapportApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicTypesAndHaveNoCycles() {
        MODULES.verify();
    }

    @Test
    void onlyThePipelineAndPlatformModulesUseTheStore() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.rapport.web..", "io.rapport.webapi..",
                        "io.rapport.importing..", "io.rapport.sales..", "io.rapport.service..",
                        "io.rapport.marketing..", "io.rapport.activity..", "io.rapport.security..")
                .should().dependOnClassesThat().resideInAPackage("io.rapport.store..")
                .allowEmptyShould(true);
        rule.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rapport"));
    }

    @Test
    void writeModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
