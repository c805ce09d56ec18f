package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ExecutionMode;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An asynchronous post-operation step on every creation that acts on leads whose subject starts with "async-": it
 * fails the number of times the subject asks for ("async-fail-2", "async-fail-always"), each time after writing to
 * the lead, then writes "done by async step".
 */
@TestConfiguration(proxyBeanMethods = false)
class AsyncProbes {

    /** One run of the step: which lead, which attempt, on which thread, and whether the lead was committed. */
    record Run(UUID lead, int attempt, String thread, boolean leadVisible, UUID caller) {
    }

    static final class Runs {
        private final List<Run> runs = new ArrayList<>();

        synchronized void add(Run run) {
            runs.add(run);
        }

        synchronized List<Run> of(UUID lead) {
            return runs.stream().filter(r -> r.lead().equals(lead)).toList();
        }
    }

    @Bean
    Runs asyncRuns() {
        return new Runs();
    }

    @Bean
    AsyncProbe asyncProbe(Runs runs) {
        return new AsyncProbe(runs);
    }

    /** Registered for every entity: queuing it must not recurse into the system jobs that record it. */
    @PluginStep(messages = Messages.CREATE, entity = "*", stage = Stage.POST_OPERATION,
            mode = ExecutionMode.ASYNCHRONOUS)
    static final class AsyncProbe implements Plugin {
        private final Runs runs;

        AsyncProbe(Runs runs) {
            this.runs = runs;
        }

        @Override
        public void execute(PluginContext context) {
            if (!"lead".equals(context.entityName())) {
                return;
            }
            String subject = context.postImage().getString("subject");
            if (subject == null || !subject.startsWith("async-")) {
                return;
            }
            UUID lead = context.postImage().id();
            int attempt = runs.of(lead).size() + 1;
            boolean visible = !context.service().retrieveMultiple(io.rapport.query.QueryExpression.from("lead")
                    .columns(ColumnSet.none()).where(io.rapport.query.Condition.eq("leadid", lead)).build())
                    .entities().isEmpty();
            runs.add(new Run(lead, attempt, Thread.currentThread().getName(), visible, context.caller().userId()));
            boolean fail = subject.startsWith("async-fail-always")
                    || subject.startsWith("async-fail-2") && attempt <= 2;
            if (fail) {
                context.service().update(new Entity("lead", lead).set("description", "partial attempt " + attempt));
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The async probe refuses lead " + lead
                        + " on attempt " + attempt + ".");
            }
            context.service().update(new Entity("lead", lead).set("description", "done by async step"));
        }
    }
}
