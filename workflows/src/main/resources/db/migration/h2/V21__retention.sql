-- Retention (issue #16 item 3). Telemetry older than stressflow.telemetry.retention (30 days) and
-- in-situ module samples older than stressflow.sampling.in-situ-retention (30 days) are folded
-- into the summaries below and their raw rows deleted, in one transaction per run. Baselines, read
-- points, failing in-situ samples and the samples failures point at are never deleted.

-- One row per chamber and minute of telemetry: readings, min/mean/max of each column (degC, %RH).
CREATE TABLE chamber_minute (
  chamber          VARCHAR(64) NOT NULL,
  minute_start     TIMESTAMP WITH TIME ZONE NOT NULL,
  readings         BIGINT NOT NULL,
  air_min          DOUBLE PRECISION NOT NULL,
  air_mean         DOUBLE PRECISION NOT NULL,
  air_max          DOUBLE PRECISION NOT NULL,
  setpoint_min     DOUBLE PRECISION NOT NULL,
  setpoint_max     DOUBLE PRECISION NOT NULL,
  load_readings    BIGINT NOT NULL,
  load_min         DOUBLE PRECISION,
  load_mean        DOUBLE PRECISION,
  load_max         DOUBLE PRECISION,
  humidity_readings BIGINT NOT NULL,
  humidity_min     DOUBLE PRECISION,
  humidity_mean    DOUBLE PRECISION,
  humidity_max     DOUBLE PRECISION,
  PRIMARY KEY (chamber, minute_start)
);

-- One row per module, lane and day of passing in-situ samples: samples, min/mean/max of bias (mA),
-- Tx and Rx power (mW). Means are over the readings that have the value.
CREATE TABLE in_situ_day (
  campaign_id  VARCHAR(64) NOT NULL,
  serial       VARCHAR(64) NOT NULL,
  day_start    TIMESTAMP WITH TIME ZONE NOT NULL,
  lane         INT NOT NULL,
  leg_id       VARCHAR(64) NOT NULL,
  samples      BIGINT NOT NULL,
  bias_min     DOUBLE PRECISION,
  bias_mean    DOUBLE PRECISION,
  bias_max     DOUBLE PRECISION,
  tx_min       DOUBLE PRECISION,
  tx_mean      DOUBLE PRECISION,
  tx_max       DOUBLE PRECISION,
  rx_min       DOUBLE PRECISION,
  rx_mean      DOUBLE PRECISION,
  rx_max       DOUBLE PRECISION,
  PRIMARY KEY (campaign_id, serial, day_start, lane)
);

-- Up to where each kind ('TELEMETRY', 'IN_SITU') has been summarised: older raw rows are gone.
CREATE TABLE retention_mark (
  kind         VARCHAR(16) PRIMARY KEY,
  summarised_to TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the in-situ retention finds old in-situ samples by time
CREATE INDEX module_sample_by_kind_time ON module_sample (kind, at);
