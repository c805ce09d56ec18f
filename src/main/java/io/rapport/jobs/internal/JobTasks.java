package io.rapport.jobs.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.rapport.jobs.JobFailure;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.JobStopped;
import io.rapport.jobs.OneOffJob;
import io.rapport.jobs.RecurringJob;
import io.rapport.jobs.RetryPolicy;
import java.io.Serializable;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns Rapport's job beans into db-scheduler tasks. */
final class JobTasks {

    private static final Logger log = LoggerFactory.getLogger(JobTasks.class);

    private JobTasks() {
    }

    /**
     * A one-off job as a db-scheduler task: removed when it ends, retried by its policy when it fails, revived on
     * another node when its node dies, and due again at once (not counted as a failure) when it stops because its
     * node shuts down ({@link JobStopped}).
     */
    static <T extends Serializable> CustomTask<T> oneOff(OneOffJob<T> job) {
        return Tasks.custom(job.name(), job.dataType()).onFailure(new Retry<>(job)).onDeadExecutionRevive()
                .execute((instance, context) -> {
                    JobRun run = new JobRun(instance.getId(), context.getExecution().consecutiveFailures + 1,
                            () -> context.getSchedulerState().isShuttingDown());
                    try {
                        job.run(instance.getData(), run);
                        return new CompletionHandler.OnCompleteRemove<>();
                    } catch (JobStopped e) {
                        log.info("Job stopped with its node job={} instance={} reason={}", job.name(),
                                instance.getId(), e.getMessage());
                        return (complete, operations) -> operations.reschedule(complete, Instant.now());
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /**
     * A recurring job as a db-scheduler task. Each finished run is logged at debug level with its node and its start
     * and end (epoch milliseconds), which the cluster harness reads to check that no period ran twice across nodes.
     */
    static RecurringTask<Void> recurring(RecurringJob job, String node) {
        return Tasks.recurring(job.name(), schedule(job.schedule())).execute((instance, context) -> {
            long started = System.currentTimeMillis();
            try {
                job.run(new JobRun(instance.getId(), context.getExecution().consecutiveFailures + 1));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                log.debug("Recurring job ran job={} node={} startedAt={} endedAt={}", job.name(), node, started,
                        System.currentTimeMillis());
            }
        });
    }

    private static Schedule schedule(JobSchedule s) {
        if (s instanceof JobSchedule.FixedDelay d) {
            return Schedules.fixedDelay(d.delay());
        }
        if (s instanceof JobSchedule.Daily d) {
            return Schedules.daily(d.zone(), d.times().toArray(new java.time.LocalTime[0]));
        }
        JobSchedule.Cron c = (JobSchedule.Cron) s;
        return Schedules.cron(c.expression(), c.zone());
    }

    /** Reschedules a failed attempt by the job's retry policy, or gives up, and tells the job either way. */
    private record Retry<T extends Serializable>(OneOffJob<T> job) implements FailureHandler<T> {
        @Override
        @SuppressWarnings("unchecked")
        public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
            RetryPolicy policy = job.retryPolicy();
            int attempt = complete.getExecution().consecutiveFailures + 1;
            Instant next = null;
            if (attempt < policy.maxAttempts()) {
                next = complete.getTimeDone().plus(policy.delayAfter(attempt));
                operations.reschedule(complete, next);
            } else {
                operations.stop();
            }
            T data = (T) complete.getExecution().taskInstance.getData();
            String id = complete.getExecution().taskInstance.getId();
            Throwable cause = complete.getCause().orElse(null);
            log.warn("Job failed job={} instance={} attempt={} retryAt={} error={}", job.name(), id, attempt, next,
                    cause == null ? null : cause.toString());
            try {
                job.failed(data, new JobFailure(id, attempt, cause, next));
            } catch (RuntimeException e) {
                log.error("Job failure handler failed job={} instance={}", job.name(), id, e);
            }
        }
    }
}
