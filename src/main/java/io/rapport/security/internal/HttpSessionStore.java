package io.rapport.security.internal;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.RecurringJob;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Web sessions in the database (Spring Session JDBC, configured by Spring Boot from {@code spring.session.jdbc.*};
 * tables from Flyway V91): any node serves any signed-in person, and a node that stops signs nobody out. Session
 * fixation protection (a new session at sign-in) and the timeout ({@code server.servlet.session.timeout}) are the
 * servlet ones, unchanged. Writing a session attribute is an upsert on both databases, so two requests of one browser
 * on two nodes never collide on the attribute's key. Expired sessions are removed by one node at a time (the
 * recurring job {@code http-session-cleanup}), not by a timer on every node. A request reads its session from the
 * database once ({@link SessionReadOnce}: Spring Session's filter read it again after saving it).
 */
@Configuration
@ConditionalOnClass(JdbcIndexedSessionRepository.class)
class HttpSessionStore {

    /** H2's upsert of one attribute (the parameters of Spring Session's create-attribute statement, in order). */
    static final String H2_CREATE_ATTRIBUTE = "MERGE INTO %TABLE_NAME%_ATTRIBUTES "
            + "(SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) "
            + "VALUES (?, ?, ?)";

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionStatements(DSLContext dsl) {
        return repository -> {
            if (dsl.dialect().family() == SQLDialect.POSTGRES) {
                new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
            } else if (dsl.dialect().family() == SQLDialect.H2) {
                repository.setCreateSessionAttributeQuery(H2_CREATE_ATTRIBUTE);
            }
        };
    }

    /** The repository answers a read after this request's own save from that save ({@link SessionReadOnce}). */
    @Bean
    static BeanPostProcessor sessionReadOnce() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository repository ? SessionReadOnce.around(repository)
                        : bean;
            }
        };
    }

    /** Bounds {@link SessionReadOnce} to one request: ahead of Spring Session's filter, on the same dispatches. */
    @Bean
    FilterRegistrationBean<Filter> sessionReadOnceScope() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(SessionReadOnce.requestScope());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    RecurringJob httpSessionCleanup(ObjectProvider<JdbcIndexedSessionRepository> sessions) {
        return new RecurringJob() {
            @Override
            public String name() {
                return "http-session-cleanup";
            }

            @Override
            public JobSchedule schedule() {
                return JobSchedule.fixedDelay(Duration.ofMinutes(1));
            }

            @Override
            public void run(JobRun run) {
                sessions.ifAvailable(JdbcIndexedSessionRepository::cleanUpExpiredSessions);
            }
        };
    }
}
