-- Background jobs (io.rapport.jobs): db-scheduler's table, as its PostgreSQL schema, with types H2 also accepts.
-- One row per scheduled job instance; a node claims a due row (picked, picked_by) and removes it when done.
create table sys_scheduled_tasks (
    task_name            varchar(100)             not null,
    task_instance        varchar(250)             not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            varchar(50),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index ix_sys_scheduled_tasks_execution_time on sys_scheduled_tasks (execution_time);
create index ix_sys_scheduled_tasks_last_heartbeat on sys_scheduled_tasks (last_heartbeat);
create index ix_sys_scheduled_tasks_priority on sys_scheduled_tasks (priority desc, execution_time asc);
