-- Web sessions (Spring Session JDBC, security module): kept in the database so that any node serves any signed-in
-- person and a node that stops signs nobody out. Spring Session's own schema (its PostgreSQL script) under Rapport's
-- names, with types H2 accepts too; expired rows are removed by the recurring job http-session-cleanup.
create table sys_http_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint pk_sys_http_session primary key (primary_id)
);
create unique index ix_sys_http_session_session_id on sys_http_session (session_id);
create index ix_sys_http_session_expiry_time on sys_http_session (expiry_time);
create index ix_sys_http_session_principal_name on sys_http_session (principal_name);
create table sys_http_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint pk_sys_http_session_attributes primary key (session_primary_id, attribute_name),
    constraint fk_sys_http_session_attributes foreign key (session_primary_id) references sys_http_session (primary_id)
        on delete cascade
);
