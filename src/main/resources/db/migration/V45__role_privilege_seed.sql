-- The depth the built-in role definitions last gave a privilege (null: the row was added by an administrator, or
-- seeded by a version before this column). Start-up moves a built-in privilege to a new definition's depth only
-- while its depth is still the seeded one, so an administrator's changes and removals stick.
alter table sys_roleprivilege add column seeddepthmask integer;
