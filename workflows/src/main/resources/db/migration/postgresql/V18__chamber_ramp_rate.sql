-- What each chamber's ramps achieve (issue #19, item 11): the rate a chamber actually ramps at when
-- the plan asks for more than it can do, measured on the air from 10 to 90 % of each ramp's swing
-- and smoothed. The ETA uses it; a chamber that keeps up with its plan has no row.
CREATE TABLE chamber_ramp_rate (
  chamber      VARCHAR(64) PRIMARY KEY,
  rate         DOUBLE PRECISION NOT NULL,
  planned      DOUBLE PRECISION NOT NULL,
  ramps        BIGINT NOT NULL,
  measured_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
