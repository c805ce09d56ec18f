-- Interim personal access tokens of the Web API (Authorization: Bearer rpat_...), issued by an administrator
-- until OAuth2 lands. Only a SHA-256 hash of each token is kept.
create table sys_api_token (
    id           uuid         primary key,
    tokenhash    varchar(64)  not null unique,
    systemuserid uuid         not null,
    name         varchar(200),
    createdon    timestamp    not null,
    createdby    uuid,
    expireson    timestamp    not null
);
create index ix_sys_api_token_user on sys_api_token (systemuserid);
