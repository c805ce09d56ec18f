-- Passwords and sign-in state of users who sign in with a password; never exposed as records.
create table sys_credential (
    systemuserid   uuid         primary key,
    passwordhash   varchar(200) not null,
    failedattempts integer      not null,
    lockeduntil    timestamp,
    modifiedon     timestamp    not null
);

-- The organization's root business unit and system user, created once at first start.
create table sys_organization (
    id                 integer primary key,
    rootbusinessunitid uuid,
    systemuserid       uuid,
    createdon          timestamp
);
insert into sys_organization (id) values (1);
