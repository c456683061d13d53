-- Host-driven profile runs: one row per leg run, updated on every tick; the progress columns
-- are ProfileProgress. A restart resumes from them.
CREATE TABLE profile_run (
  id                 VARCHAR(64)  PRIMARY KEY,
  campaign_id        VARCHAR(64)  NOT NULL,
  leg_id             VARCHAR(64)  NOT NULL,
  chamber            VARCHAR(64)  NOT NULL,
  leg                CLOB         NOT NULL,
  state              VARCHAR(16)  NOT NULL,
  step               INT          NOT NULL,
  target_temperature DOUBLE PRECISION NOT NULL,
  ramp_rate          DOUBLE PRECISION,
  humidity           DOUBLE PRECISION,
  cycles             BIGINT       NOT NULL,
  soak_credited      DOUBLE PRECISION NOT NULL,
  stress_seconds     DOUBLE PRECISION NOT NULL,
  last_in_band       BOOLEAN      NOT NULL,
  last_tick          TIMESTAMP WITH TIME ZONE,
  deviation_start    TIMESTAMP WITH TIME ZONE,
  deviation_setpoint DOUBLE PRECISION,
  deviation_worst    DOUBLE PRECISION,
  next_read_point    INT          NOT NULL,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Times a soak's measured temperature spent outside its band.
CREATE TABLE profile_deviation (
  id        BIGINT AUTO_INCREMENT PRIMARY KEY,
  run_id    VARCHAR(64) NOT NULL,
  started   TIMESTAMP WITH TIME ZONE NOT NULL,
  ended     TIMESTAMP WITH TIME ZONE NOT NULL,
  setpoint  DOUBLE PRECISION NOT NULL,
  worst     DOUBLE PRECISION NOT NULL
);
CREATE INDEX profile_deviation_by_run ON profile_deviation (run_id, id);
