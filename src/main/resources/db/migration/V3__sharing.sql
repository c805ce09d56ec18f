-- Records shared explicitly with a user or team (GrantAccess / ModifyAccess / RevokeAccess).
create table sys_principalobjectaccess (
    principalobjectaccessid uuid        primary key,
    objectid                uuid        not null,
    objecttypecode          varchar(64) not null,
    principalid             uuid        not null,
    principaltypecode       varchar(64) not null,
    readaccess              boolean     not null,
    writeaccess             boolean     not null,
    deleteaccess            boolean     not null,
    appendaccess            boolean     not null,
    appendtoaccess          boolean     not null,
    assignaccess            boolean     not null,
    shareaccess             boolean     not null,
    modifiedon              timestamp   not null,
    unique (objectid, principalid)
);
create index ix_sys_poa_principal on sys_principalobjectaccess (principalid, objectid);
