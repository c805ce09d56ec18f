package io.rapport.jobs.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.rapport.jobs.JobScheduler;
import io.rapport.jobs.OneOffJob;
import io.rapport.jobs.RecurringJob;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job scheduler on db-scheduler (its table, Flyway V90, is {@code sys_scheduled_tasks}). Its connections take
 * part in the Spring transaction of the caller, so an instance scheduled inside a transaction exists only if it
 * commits; a node scheduling an instance due now wakes its own poller after the commit instead of waiting for the
 * next poll.
 */
@Component
@EnableConfigurationProperties(JobsProperties.class)
class DbSchedulerJobs implements JobScheduler, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DbSchedulerJobs.class);
    static final String TABLE = "sys_scheduled_tasks";

    private final Scheduler scheduler;
    private final Map<String, CustomTask<?>> oneOff = new HashMap<>();
    private final JobsProperties properties;
    private final Clock clock;
    private final String node;
    private volatile boolean running;

    DbSchedulerJobs(DataSource dataSource, ObjectProvider<OneOffJob<?>> oneOffJobs,
            ObjectProvider<RecurringJob> recurringJobs, JobsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        List<Task<?>> known = new ArrayList<>();
        for (OneOffJob<?> job : oneOffJobs.orderedStream().toList()) {
            CustomTask<?> task = JobTasks.oneOff(job);
            if (oneOff.put(job.name(), task) != null) {
                throw new IllegalStateException("Two jobs named " + job.name());
            }
            // every job can be scheduled here; only those that run here are given to this node's poller
            if (job.runsOnThisNode()) {
                known.add(task);
            }
        }
        this.node = nodeName();
        List<RecurringTask<Void>> recurring = recurringJobs.orderedStream().map(j -> JobTasks.recurring(j, node))
                .toList();
        this.scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), known)
                .tableName(TABLE)
                .schedulerName(new SchedulerName.Fixed(node))
                .startTasks(recurring)
                .pollingInterval(properties.pollingInterval())
                .threads(properties.threads())
                .shutdownMaxWait(properties.shutdownWait())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .build();
    }

    /**
     * The name a node's runs carry in {@code picked_by}: the host name alone (db-scheduler's default) is the same for
     * every node of one machine, so a short random suffix tells them apart in the table and in the logs.
     */
    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        String suffix = "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // picked_by is varchar(50)
        return (host.length() > 50 - suffix.length() ? host.substring(0, 50 - suffix.length()) : host) + suffix;
    }

    @Override
    public <T extends Serializable> void schedule(OneOffJob<T> job, String instanceId, T data) {
        schedule(job, instanceId, data, Instant.now(clock));
    }

    @Override
    public <T extends Serializable> void schedule(OneOffJob<T> job, String instanceId, T data, Instant at) {
        scheduler.schedule(task(job).instance(instanceId, data), at);
        if (!at.isAfter(Instant.now(clock))) {
            afterCommit(scheduler::triggerCheckForDueExecutions);
        }
    }

    @Override
    public <T extends Serializable> boolean scheduleIfAbsent(OneOffJob<T> job, String instanceId, T data) {
        Instant now = Instant.now(clock);
        boolean scheduled = scheduler.scheduleIfNotExists(task(job).instance(instanceId, data), now);
        if (scheduled) {
            afterCommit(scheduler::triggerCheckForDueExecutions);
        }
        return scheduled;
    }

    @Override
    public boolean isScheduled(OneOffJob<?> job, String instanceId) {
        return scheduler.getScheduledExecution(TaskInstanceId.of(job.name(), instanceId)).isPresent();
    }

    @Override
    public boolean cancel(OneOffJob<?> job, String instanceId) {
        try {
            scheduler.cancel(TaskInstanceId.of(job.name(), instanceId));
            return true;
        } catch (TaskInstanceException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends Serializable> CustomTask<T> task(OneOffJob<T> job) {
        CustomTask<T> task = (CustomTask<T>) oneOff.get(job.name());
        if (task == null) {
            throw new IllegalArgumentException("The job " + job.name() + " is not a bean");
        }
        return task;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    @Override
    public void start() {
        if (properties.enabled()) {
            scheduler.start();
            log.info("Job scheduler started node={} oneOffJobs={} pollingInterval={}", node, oneOff.keySet(),
                    properties.pollingInterval());
        }
        running = true;
    }

    @Override
    public void stop() {
        if (properties.enabled()) {
            scheduler.stop();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Late: jobs start once everything they use is up, and stop first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
