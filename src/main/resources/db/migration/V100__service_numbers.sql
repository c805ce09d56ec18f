-- Case (CAS-…) and contract (CNR-…) numbers: one database sequence each, so numbers are unique across nodes and
-- never reused (a rolled-back create skips its number). Owned by the service module.
create sequence sys_service_case_sequence start with 1000 increment by 1;
create sequence sys_service_contract_sequence start with 1000 increment by 1;
