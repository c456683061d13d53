-- A run's position is an index into its profile walked lazily (issue #12): a run stored with a
-- repeat count of 10^9 has more steps than an INT holds, and must still step and be viewed.
ALTER TABLE profile_run ALTER COLUMN step SET DATA TYPE BIGINT;
