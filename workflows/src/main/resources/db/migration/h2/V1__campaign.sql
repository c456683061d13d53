-- Campaigns launched from this application and what happened to them.
CREATE TABLE campaign (
  id                   VARCHAR(64)  PRIMARY KEY,
  process_instance_key VARCHAR(32)  NOT NULL,
  process_id           VARCHAR(128) NOT NULL,
  chamber              VARCHAR(64)  NOT NULL,
  state                VARCHAR(16)  NOT NULL,
  started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at             TIMESTAMP WITH TIME ZONE
);

CREATE TABLE campaign_event (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id VARCHAR(64)  NOT NULL,
  at          TIMESTAMP WITH TIME ZONE NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  message     VARCHAR(1000) NOT NULL
);
CREATE INDEX campaign_event_by_campaign ON campaign_event (campaign_id, id);

-- Chamber telemetry: one row per poll. Temperatures in degC, humidity in %RH.
CREATE TABLE chamber_sample (
  chamber          VARCHAR(64) NOT NULL,
  at               TIMESTAMP WITH TIME ZONE NOT NULL,
  air_temperature  DOUBLE PRECISION NOT NULL,
  air_setpoint     DOUBLE PRECISION NOT NULL,
  load_temperature DOUBLE PRECISION,
  humidity         DOUBLE PRECISION
);
CREATE INDEX chamber_sample_by_time ON chamber_sample (chamber, at);
