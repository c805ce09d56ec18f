-- A person's choices in the web UI that outlive the page, such as the columns they applied to a list view
-- (key "columns:<entity>:<view>"). Personal settings, not records: no privileges, audit or Web API surface.
create table sys_ui_preference (
    user_id    uuid          not null,
    pref_key   varchar(300)  not null,
    pref_value varchar(4000) not null,
    primary key (user_id, pref_key)
);
