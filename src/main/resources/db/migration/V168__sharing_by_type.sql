-- Whether a principal has any share of an entity type (issue 19): a caller without shares of a table reads it
-- with the owner-only statement, and a grant looks here to learn whether it is the principal's first of the type.
create index ix_sys_poa_principal_type on sys_principalobjectaccess (principalid, objecttypecode);
