-- No logbook line, summary or list can overflow inside a transaction that matters (issue #12): a
-- module failing on every lane, or a read point where a thousand modules fail, writes long text in
-- the round's own transaction. VARCHAR(1000000) is H2's largest VARCHAR and fits PostgreSQL's too.
ALTER TABLE campaign_event ALTER COLUMN message SET DATA TYPE VARCHAR(1000000);
ALTER TABLE module_sample ALTER COLUMN problems SET DATA TYPE VARCHAR(1000000);
ALTER TABLE module_failure ALTER COLUMN criteria SET DATA TYPE VARCHAR(1000000);
ALTER TABLE campaign ALTER COLUMN lots SET DATA TYPE VARCHAR(1000000);
ALTER TABLE profile_deviation ALTER COLUMN cause SET DATA TYPE VARCHAR(1000000);
ALTER TABLE profile_run ALTER COLUMN pause_cause SET DATA TYPE VARCHAR(1000000);
