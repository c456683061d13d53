-- External legs (mechanical shock, vibration, ESD, cold storage, thermal shock): run at a station
-- outside the chambers; lab staff enter the result once per leg, with the station's record.
CREATE TABLE external_leg_result (
  campaign_id    VARCHAR(64)   NOT NULL,
  leg_id         VARCHAR(64)   NOT NULL,
  test           VARCHAR(32)   NOT NULL,
  conditions     VARCHAR(1000),
  station        VARCHAR(200),
  station_record VARCHAR(200)  NOT NULL,
  performed_by   VARCHAR(200)  NOT NULL,
  test_date      DATE          NOT NULL,
  tested         INT           NOT NULL,
  failed         VARCHAR(2000),
  notes          VARCHAR(2000),
  recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (campaign_id, leg_id)
);

-- a module that fails an external leg has no failing sample: the station's record stands for it
ALTER TABLE module_failure ALTER COLUMN sample_id DROP NOT NULL;
