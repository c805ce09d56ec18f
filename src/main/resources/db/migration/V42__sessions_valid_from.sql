-- Sessions and tokens a user got before this instant no longer work (set when the user is disabled), so that
-- enabling the user again does not bring back sessions that were open when they were disabled.
alter table sys_credential add column sessionsvalidfrom timestamp;
