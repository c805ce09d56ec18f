-- Privileges granted by security roles, one row per role and privilege name (prvReadAccount...), with
-- Dataverse's depth mask: 1 user, 2 business unit, 4 parent: child business units, 8 organization; 0 keeps a
-- privilege an administrator removed from a built-in role so that start-up does not grant it again.
create table sys_roleprivilege (
    roleid        uuid         not null,
    privilegename varchar(200) not null,
    depthmask     integer      not null,
    primary key (roleid, privilegename)
);

-- Changes to roles, teams, memberships, business units and field security set this to a new value of the
-- never-reused sys_row_version sequence; every node caches effective privileges per value.
create table sys_security_version (
    id      integer primary key,
    version bigint  not null
);
insert into sys_security_version (id, version) values (1, 0);
