package io.rapport.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.rapport.record.Entity;
import org.junit.jupiter.api.Test;

/**
 * Only the stage runner runs plugins, checks privileges and writes the audit of messages: a handler, a plugin or an
 * edge that did so itself could run them out of Dataverse's order or twice.
 */
class StageRunnerArchitectureTest {

    private static final String RUNNER = "io.rapport.pipeline.internal.StageRunner";
    private static final String REGISTRY = "io.rapport.pipeline.internal.PluginRegistry";

    /** Calls of AccessChecker.check / checkAttributes / checkPrivilege (the enforcing methods; the others only describe access). */
    static final ArchRule ACCESS_CHECKS = noClasses().that().doNotHaveFullyQualifiedName(RUNNER)
            .should().callMethodWhere(calls(AccessChecker.class.getName(), "check|checkAttributes|checkPrivilege"))
            .because("privileges are declared by message handlers and checked by the stage runner");

    static final ArchRule PLUGIN_RUNS = noClasses().that().doNotHaveFullyQualifiedName(RUNNER)
            .should().callMethodWhere(calls(REGISTRY, "run|runStep|asyncSteps"))
            .because("plugin stages run in the stage runner, in Dataverse's order");

    static final ArchRule PLUGIN_EXECUTIONS = noClasses().that().doNotHaveFullyQualifiedName(REGISTRY)
            .should().callMethodWhere(calls(Plugin.class.getName(), "execute"))
            .because("plugins run only through the plugin registry, which only the stage runner calls");

    static final ArchRule AUDIT = noClasses().that().doNotHaveFullyQualifiedName(RUNNER)
            .and().doNotHaveFullyQualifiedName("io.rapport.pipeline.internal.AuditRecorder")
            .should().callMethodWhere(calls("io.rapport.pipeline.internal.AuditRecorder", ".*"))
            .because("handlers return audit events; the stage runner records them after post-operation");

    static final ArchRule CUSTOMIZATION = noClasses().that().resideOutsideOfPackage("io.rapport.metadata..")
            .and().areNotAssignableTo("io.rapport.pipeline.internal.CustomizationHandler")
            .should().callMethodWhere(calls("io.rapport.metadata.CustomizationService",
                    "add.*|rename.*|set.*|update.*|delete.*|order.*"))
            .because("metadata changes are customization messages (CreateAttribute, UpdateEntity...) with a privilege "
                    + "check and an audit entry, run by the stage runner");

    private static DescribedPredicate<JavaMethodCall> calls(String owner, String methods) {
        return DescribedPredicate.describe("a call of " + owner + "." + methods, call -> {
            JavaClass target = call.getTargetOwner();
            return (target.getName().equals(owner) || target.isAssignableTo(owner)) && call.getName().matches(methods);
        });
    }

    @Test
    void onlyTheStageRunnerCallsPluginsTheAccessCheckerAndAudit() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rapport");
        ACCESS_CHECKS.check(main);
        PLUGIN_RUNS.check(main);
        PLUGIN_EXECUTIONS.check(main);
        AUDIT.check(main);
        CUSTOMIZATION.check(main);
    }

    @Test
    void theRulesCatchAClassThatChecksAccessOrRunsAPluginItself() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
        assertThat(ACCESS_CHECKS.evaluate(offender).hasViolation()).isTrue();
        assertThat(PLUGIN_EXECUTIONS.evaluate(offender).hasViolation()).isTrue();
        assertThat(ACCESS_CHECKS.evaluate(new ClassFileImporter().importClasses(StageRunnerArchitectureTest.class))
                .hasViolation()).isFalse();
    }

    /** What a handler must not do. */
    static final class Offender {
        void run(AccessChecker access, Caller caller, Plugin plugin, PluginContext context) {
            access.check(caller, null, Privilege.WRITE, new Entity("account"));
            plugin.execute(context);
        }
    }
}
