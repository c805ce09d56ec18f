package io.rapport.pipeline.internal;

import io.rapport.audit.AuditLog;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Probes for the stage tests: a plugin on every message and stage (first in pre-validation and pre-operation, last
 * in post-operation), and the access checker and audit log wrapped so that their calls are recorded.
 */
@TestConfiguration(proxyBeanMethods = false)
class StageProbes {

    @Bean
    static StageRecorder stageRecorder() {
        return new StageRecorder();
    }

    @Bean
    ProbeBefore probeBefore(StageRecorder recorder) {
        return new ProbeBefore(recorder);
    }

    @Bean
    ProbeAfter probeAfter(StageRecorder recorder) {
        return new ProbeAfter(recorder);
    }

    @Bean
    static BeanPostProcessor recordingProxies(StageRecorder recorder) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof AccessChecker checker) {
                    return proxy(AccessChecker.class, checker, (method, args) -> {
                        if (method.equals("check")) {
                            recorder.check(args[2] + " " + ((EntityMetadata) args[1]).logicalName());
                        } else if (method.equals("checkAttributes")) {
                            recorder.check(args[2] + " fields of " + ((EntityMetadata) args[1]).logicalName());
                        } else if (method.equals("checkPrivilege")) {
                            recorder.check((String) args[1]);
                        }
                    });
                }
                if (bean instanceof AuditLog log) {
                    return proxy(AuditLog.class, log, (method, args) -> {
                        if (method.startsWith("record")) {
                            recorder.audit(method);
                        }
                    });
                }
                return bean;
            }
        };
    }

    interface Spy {
        void called(String method, Object[] args);
    }

    static <T> T proxy(Class<T> type, T target, Spy spy) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            spy.called(method.getName(), args == null ? new Object[0] : args);
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @PluginStep(messages = "*", stage = Stage.PRE_VALIDATION, order = Integer.MIN_VALUE)
    @PluginStep(messages = "*", stage = Stage.PRE_OPERATION, order = Integer.MIN_VALUE)
    static final class ProbeBefore implements Plugin {
        private final StageRecorder recorder;

        ProbeBefore(StageRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void execute(PluginContext context) {
            if (!recorder.recording()) {
                return;
            }
            if (context.stage() == Stage.PRE_OPERATION && context.depth() == 1
                    && TransactionSynchronizationManager.isSynchronizationActive()
                    && TransactionSynchronizationManager.isActualTransactionActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        recorder.end(status == STATUS_COMMITTED);
                    }
                });
            }
            recorder.stage(context.messageName(), context.depth(), context.stage().value());
        }
    }

    @PluginStep(messages = "*", stage = Stage.POST_OPERATION, order = Integer.MAX_VALUE)
    static final class ProbeAfter implements Plugin {
        private final StageRecorder recorder;

        ProbeAfter(StageRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void execute(PluginContext context) {
            if (recorder.recording()) {
                recorder.stage(context.messageName(), context.depth(), context.stage().value());
            }
        }
    }
}
