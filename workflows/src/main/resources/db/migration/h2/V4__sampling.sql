-- Modules under test, their samples, lane readings, latched flags and failures.
CREATE TABLE module_unit (
  serial          VARCHAR(64) PRIMARY KEY,
  campaign_id     VARCHAR(64) NOT NULL,
  leg_id          VARCHAR(64) NOT NULL,
  lot             VARCHAR(64),
  control         BOOLEAN     NOT NULL,
  state           VARCHAR(16) NOT NULL,
  credited_hours  DOUBLE PRECISION NOT NULL DEFAULT 0,
  credited_cycles BIGINT      NOT NULL DEFAULT 0,
  last_good_point VARCHAR(64)
);

CREATE TABLE module_sample (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  serial       VARCHAR(64) NOT NULL,
  campaign_id  VARCHAR(64) NOT NULL,
  leg_id       VARCHAR(64) NOT NULL,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  kind         VARCHAR(16) NOT NULL,
  label        VARCHAR(64),
  stress_hours DOUBLE PRECISION NOT NULL,
  cycles       BIGINT NOT NULL,
  in_envelope  BOOLEAN NOT NULL,
  state        VARCHAR(16),
  temperature  DOUBLE PRECISION,
  vcc          DOUBLE PRECISION,
  verdict      VARCHAR(8) NOT NULL,
  problems     VARCHAR(2000)
);
CREATE INDEX module_sample_by_serial ON module_sample (serial, id);

CREATE TABLE lane_reading (
  sample_id BIGINT NOT NULL,
  lane      INT    NOT NULL,
  bias_ma   DOUBLE PRECISION,
  tx_mw     DOUBLE PRECISION,
  rx_mw     DOUBLE PRECISION,
  PRIMARY KEY (sample_id, lane)
);

CREATE TABLE module_failure (
  serial             VARCHAR(64) PRIMARY KEY,
  campaign_id        VARCHAR(64) NOT NULL,
  leg_id             VARCHAR(64) NOT NULL,
  detected_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  sample_id          BIGINT NOT NULL,
  criteria           VARCHAR(2000) NOT NULL,
  lanes              VARCHAR(64) NOT NULL,
  credited_hours     DOUBLE PRECISION NOT NULL,
  credited_cycles    BIGINT NOT NULL,
  last_good_point    VARCHAR(64),
  fa_instance_key    VARCHAR(32)
);
