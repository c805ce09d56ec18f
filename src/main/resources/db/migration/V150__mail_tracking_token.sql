-- Email tracking tokens (CRM:0001234), owned by the mail module.
create sequence sys_mail_tracking_token start with 1000 increment by 1;
