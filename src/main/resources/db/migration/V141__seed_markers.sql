-- Seeds that have run in this organization (pipeline module, OrganizationSeeds.once): a module's default data is
-- created once, so what an administrator deletes afterwards stays deleted across restarts.
create table sys_seed (
    seedkey  varchar(100) primary key,
    seededon timestamp    not null
);

-- The email templates were created at every start before this marker existed: an organization whose template table
-- exists has had them (and may have deleted some), so their seed counts as done.
insert into sys_seed (seedkey, seededon)
select 'mail.templates', current_timestamp from information_schema.tables
where lower(table_name) = 'template' and lower(table_schema) = lower(current_schema);
