-- Change tracking (store): a user's read access to an entity shrank without any record changing (a security role
-- removed from the user or from one of their owner teams, a team left, a move to another business unit). The row
-- keeps the rule the user read the entity by before (all rows, or owners, business units and principals shared
-- with, as comma-separated ids); the user's next delta reports every record that rule admitted and the rule of now
-- does not as deleted. Numbered from the sys_row_version sequence like the tombstones, removed after the same expiry.
create table sys_change_access_loss (
    entityname   varchar(64) not null,
    rowversion   bigint      not null,
    userid       uuid        not null,
    formerall    boolean     not null,
    formerowners text,
    formerunits  text,
    formershared text,
    changedon    timestamp   not null,
    primary key (entityname, rowversion)
);
create index ix_sys_change_access_loss_user on sys_change_access_loss (userid, entityname, rowversion);
create index ix_sys_change_access_loss_changedon on sys_change_access_loss (changedon);
