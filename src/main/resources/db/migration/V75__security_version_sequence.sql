-- The security version takes its never-reused values from its own sequence (it used the store's row-version
-- sequence). Every node restarts for a migration, so no cache holds a version yet; 0 is never handed out again.
create sequence sys_security_version_sequence start with 1 increment by 1;
update sys_security_version set version = 0;
