-- CardDAV (contactsync module). App passwords: the only credentials /dav accepts, one per mail client, hashed with
-- the application's password encoder; a revoked password is deleted, so a lookup by row decides at once.
create table sys_dav_app_password (
    id           uuid          primary key,
    systemuserid uuid          not null,
    name         varchar(200)  not null,
    passwordhash varchar(200)  not null,
    createdon    timestamp     not null,
    lastusedon   timestamp
);
create index ix_sys_dav_app_password_user on sys_dav_app_password (systemuserid, createdon);

-- The last vCard a client sent for a contact, kept whole so that properties Rapport has no place for come back when
-- the card is written out; resourcename is the card's name in the address book (chosen by the client for cards it
-- created, else <contactid>.vcf; names are per address book, so two people's clients may choose the same one).
create table sys_dav_card (
    contactid    uuid          primary key,
    resourcename varchar(255)  not null,
    card         text          not null,
    contactversion bigint      not null,
    modifiedon   timestamp     not null
);
create index ix_sys_dav_card_resource on sys_dav_card (resourcename);

-- Cards as clients last saw them (served or sent), by ETag, for the field-level merge of a card changed on both
-- sides: the base is the one closest to the card a client sends. Kept for 30 days, at most ten per contact after a write.
create table sys_dav_card_base (
    contactid    uuid          not null,
    etag         varchar(40)   not null,
    card         text          not null,
    createdon    timestamp     not null,
    primary key (contactid, etag)
);
create index ix_sys_dav_card_base_created on sys_dav_card_base (createdon);

-- Each user's sync filter: a saved view of contacts instead of the default (active contacts they own).
create table sys_dav_setting (
    systemuserid uuid          primary key,
    viewkey      varchar(100),
    modifiedon   timestamp     not null
);
