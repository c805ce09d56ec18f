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
 * Nothing recurring runs on every node of a cluster: no {@code @Scheduled} method, no {@code @EnableScheduling}, no
 * JDK timer or scheduled executor outside the import worker (whose poll only claims jobs with a conditional update),
 * and Spring Session's own expired-session timer is off (the recurring job http-session-cleanup does that work).
 * Recurring work is a {@link RecurringJob}, run by one node per period.
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
    void noTimersOutsideTheImportClaimPoller() {
        noClasses().that().doNotHaveFullyQualifiedName("io.rapport.importing.internal.ImportWorker")
                .should().dependOnClassesThat().areAssignableTo(java.util.concurrent.ScheduledExecutorService.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Timer.class)
                .orShould().dependOnClassesThat().areAssignableTo(org.springframework.scheduling.TaskScheduler.class)
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
