-- The offline profile the administrator sets in Settings (web module): which records of each entity set of the
-- offline web app go to the devices (key "rows:<entity set>", value all / mine / mine-open / my-accounts / none /
-- view:<view key>) and who wins a conflict (key "conflict-policy", value server-wins / device-wins). Organization
-- settings, not records: no privileges, audit or Web API surface; a missing key keeps the default of
-- rapport.offline.* (every record the person may read; server wins).
create table sys_offline_setting (
    setting_key   varchar(100) not null primary key,
    setting_value varchar(300) not null
);
