-- The web UI caches views, forms, personal views and currency codes per node. Every change to those records
-- (savedquery, systemform, userquery, transactioncurrency) sets this version to a new value of its sequence in the
-- changing transaction (never reused, even when that transaction rolls back), and each page reads it (one
-- primary-key select), so a node never serves a layout another node has changed.
create sequence sys_ui_version_sequence start with 1 increment by 1;
create table sys_ui_version (
    id      integer primary key,
    version bigint  not null
);
insert into sys_ui_version (id, version) values (1, 0);
