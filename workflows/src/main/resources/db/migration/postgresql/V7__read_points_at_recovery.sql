-- Read points at recovery (issue #11): the run's state beyond the temperature soak (recovery phase,
-- humidity band, ramp-rate watch) as one JSON document; what deviated; each read point's chamber
-- condition when it was measured and how long it recovered first.
ALTER TABLE profile_run ADD COLUMN extras TEXT;
ALTER TABLE profile_deviation ADD COLUMN quantity VARCHAR(64);
ALTER TABLE leg_read_point ADD COLUMN mode VARCHAR(16);
ALTER TABLE leg_read_point ADD COLUMN air_temperature DOUBLE PRECISION;
ALTER TABLE leg_read_point ADD COLUMN load_temperature DOUBLE PRECISION;
ALTER TABLE leg_read_point ADD COLUMN humidity DOUBLE PRECISION;
ALTER TABLE leg_read_point ADD COLUMN recovery_hours DOUBLE PRECISION;
ALTER TABLE leg_read_point ADD COLUMN measured_at TIMESTAMP WITH TIME ZONE;
-- a read point where hundreds of modules fail must not overflow its list of failed serials
ALTER TABLE leg_read_point ALTER COLUMN failed SET DATA TYPE VARCHAR(1000000);
