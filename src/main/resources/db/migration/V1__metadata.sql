-- Metadata definitions: built-in ones loaded from the YAML resources, custom ones added at run time.
create table sys_metadata (
    kind        varchar(32)  not null,
    name        varchar(200) not null,
    source      varchar(16)  not null,
    body        text         not null,
    modified_on timestamp    not null,
    primary key (kind, name)
);

-- One row whose version increases with every published metadata change; nodes poll it to reload.
create table sys_metadata_version (
    id      integer primary key,
    version bigint  not null
);
insert into sys_metadata_version (id, version) values (1, 0);

-- Row versions of all records (versionnumber), increasing across the whole database like a rowversion.
create sequence sys_row_version start with 1 increment by 1;
