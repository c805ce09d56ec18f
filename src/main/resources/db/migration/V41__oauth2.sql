-- Spring Authorization Server's registered clients, authorizations and consents. Text columns are varchar on
-- both databases (not blob/text) so the same JDBC mapping works on H2 and PostgreSQL and tokens can be indexed.
create table oauth2_registered_client (
    id                            varchar(100)  not null primary key,
    client_id                     varchar(100)  not null,
    client_id_issued_at           timestamp with time zone default current_timestamp not null,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamp with time zone,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);
create unique index ux_oauth2_client_id on oauth2_registered_client (client_id);

create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000),
    attributes                    varchar(20000),
    state                         varchar(500),
    authorization_code_value      varchar(4000),
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   varchar(4000),
    access_token_value            varchar(4000),
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         varchar(8000),
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           varchar(4000),
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        varchar(8000),
    refresh_token_value           varchar(4000),
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        varchar(4000),
    user_code_value               varchar(4000),
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            varchar(4000),
    device_code_value             varchar(4000),
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          varchar(4000)
);
create index ix_oauth2_access_token on oauth2_authorization (access_token_value);
create index ix_oauth2_code on oauth2_authorization (authorization_code_value);
create index ix_oauth2_refresh_token on oauth2_authorization (refresh_token_value);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- The RSA key that signs access tokens, shared by all nodes and kept across restarts.
create table sys_signing_key (
    keyid      varchar(100)  not null primary key,
    publickey  varchar(4000) not null,
    privatekey varchar(8000) not null,
    createdon  timestamp     not null
);
