-- Personal access tokens (now the security module's) carry a scope: read, or read-write (what every token issued
-- before could do).
alter table sys_api_token add column scope varchar(16) default 'read-write' not null;
