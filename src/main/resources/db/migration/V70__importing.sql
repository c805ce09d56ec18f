-- Import jobs: a file imported into one entity in the background, in batches, resumable from processedrows.
create table sys_importjob (
    importjobid      uuid          primary key,
    entityname       varchar(64)   not null,
    filename         varchar(255)  not null,
    format           varchar(8)    not null,
    encoding         varchar(32),
    delimiter        varchar(4),
    status           varchar(16)   not null,
    ownerid          uuid          not null,
    mapping          text          not null,
    options          text          not null,
    totalrows        integer       not null,
    processedrows    integer       not null,
    createdcount     integer       not null,
    updatedcount     integer       not null,
    skippedcount     integer       not null,
    failedcount      integer       not null,
    message          varchar(2000),
    cancelrequested  boolean       not null,
    claimedby        varchar(100),
    heartbeat        timestamp,
    createdon        timestamp     not null,
    startedon        timestamp,
    finishedon       timestamp,
    modifiedon       timestamp     not null
);
create index ix_sys_importjob_status on sys_importjob (status, heartbeat);
create index ix_sys_importjob_owner on sys_importjob (ownerid, createdon);

-- The uploaded file, in chunks so that it is read back as a stream.
create table sys_importfile (
    importjobid uuid    not null,
    chunk       integer not null,
    content     bytea   not null,
    primary key (importjobid, chunk)
);

-- Rejected rows: line number in the file, column, reason and the raw values.
create table sys_importerror (
    importjobid uuid          not null,
    linenumber  integer       not null,
    columnname  varchar(255),
    reason      varchar(2000) not null,
    rawvalues   text,
    primary key (importjobid, linenumber)
);

-- Saved column mappings (data maps), reusable for later imports.
create table sys_importmap (
    name       varchar(160) primary key,
    entityname varchar(64)  not null,
    mapping    text         not null,
    modifiedon timestamp    not null
);
