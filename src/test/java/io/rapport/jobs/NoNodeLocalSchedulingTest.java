package io.rapport.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Nothing recurring runs on every node of a cluster and no background work runs on a node's own threads: no
 * {@code @Scheduled} method, no {@code @EnableScheduling}, no {@code @Async}, no JDK timer, executor or thread pool
 * (the one thread of its own, the cluster signals' listener, only marks caches stale; {@link RunThreads} are a job
 * run's own, and end with it), and Spring Session's own expired-session timer is off (the recurring job http-session-cleanup does that work). Recurring work is a
 * {@link RecurringJob}, run by one node per period; other background work (imports too) is a {@link OneOffJob}.
 */
class NoNodeLocalSchedulingTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.rapport");

    @Test
    void noScheduledMethodsOrSchedulingConfiguration() {
        noMethods().should().beAnnotatedWith(org.springframework.scheduling.annotation.Scheduled.class)
                .allowEmptyShould(true).check(MAIN);
        noClasses().should().beAnnotatedWith(org.springframework.scheduling.annotation.EnableScheduling.class)
                .check(MAIN);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName(
                "org.springframework.scheduling.annotation.Scheduled").check(MAIN);
    }

    @Test
    void noTimersExecutorsOrThreadsOfItsOwn() {
        noClasses().that().doNotHaveFullyQualifiedName(RunThreads.class.getName())
                .should().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Timer.class)
                .orShould().dependOnClassesThat().areAssignableTo(org.springframework.scheduling.TaskScheduler.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.scheduling.annotation.Async")
                .check(MAIN);
        noClasses().that().doNotHaveFullyQualifiedName("io.rapport.cluster.internal.PostgresClusterSignals")
                .and().doNotHaveFullyQualifiedName(RunThreads.class.getName())
                .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("a thread",
                                        c -> c.isAssignableTo(Thread.class)))))
                .check(MAIN);
    }

    @Test
    void springSessionsOwnCleanupTimerIsOff() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties p = yaml.getObject();
        assertThat(p.getProperty("spring.session.jdbc.cleanup-cron")).isEqualTo("-");
    }
}
