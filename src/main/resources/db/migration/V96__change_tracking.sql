-- Change tracking (store): a row per record that left an entity's change-tracked set, numbered from the same
-- sys_row_version sequence as the rows themselves, so one version range answers "what changed since".
--   kind 'deleted': the record was deleted; ownerid / owningbusinessunit are its owner and unit at that moment.
--   kind 'access' : a principal lost access to a record that still exists (owner changed: the former owner and
--                   unit; share revoked: the principal whose share went, unit null).
-- Rows older than rapport.change-tracking.expiry (plus the commit lag) are removed by a recurring job.
create table sys_change_tombstone (
    entityname         varchar(64) not null,
    rowversion         bigint      not null,
    objectid           uuid        not null,
    kind               varchar(8)  not null,
    ownerid            uuid,
    owningbusinessunit uuid,
    changedon          timestamp   not null,
    primary key (entityname, rowversion)
);
create index ix_sys_change_tombstone_changedon on sys_change_tombstone (changedon);

-- Watermark samples: at takenon the row-version sequence stood at rowversion. A transaction commits within the
-- commit lag of taking its versions, so once a sample is older than the lag every version up to it is visible;
-- a delta pass never moves its starting point past such a sample (see docs/architecture.md, change tracking).
create table sys_change_watermark (
    rowversion bigint    primary key,
    takenon    timestamp not null
);
create index ix_sys_change_watermark_takenon on sys_change_watermark (takenon);
