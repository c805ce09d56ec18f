-- Attribute-level change history, written by the pipeline in the transaction of the change.
create table sys_audit (
    auditid        uuid         primary key,
    sequencenumber bigint       not null,
    createdon      timestamp    not null,
    userid         uuid,
    operation      varchar(32)  not null,
    objecttypecode varchar(64)  not null,
    objectid       uuid         not null,
    channel        varchar(16)  not null,
    changedata     text         not null
);
create index ix_sys_audit_object on sys_audit (objecttypecode, objectid, sequencenumber);
create index ix_sys_audit_created on sys_audit (createdon);
