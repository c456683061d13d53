-- The campaign workflow (bpmn/campaign.bpmn): the plan each campaign runs, its legs in order, the
-- read points its profile runs reach, chamber reservations, and the registry of lots and modules.

ALTER TABLE campaign ADD COLUMN title VARCHAR(200);
ALTER TABLE campaign ADD COLUMN product VARCHAR(200);
ALTER TABLE campaign ADD COLUMN lots VARCHAR(1000);
ALTER TABLE campaign ADD COLUMN plan TEXT;
ALTER TABLE campaign ADD COLUMN verdict VARCHAR(16) DEFAULT 'PENDING' NOT NULL;
ALTER TABLE campaign ADD COLUMN outcome VARCHAR(16);
ALTER TABLE campaign ADD COLUMN report TEXT;

-- One row per leg of a campaign, in the order the campaign runs them.
CREATE TABLE campaign_leg (
  campaign_id  VARCHAR(64)  NOT NULL,
  leg_id       VARCHAR(64)  NOT NULL,
  position     INT          NOT NULL,
  name         VARCHAR(200),
  hours        DOUBLE PRECISION NOT NULL,
  cycles       BIGINT       NOT NULL,
  samples      INT          NOT NULL,
  allowed_failures INT,
  run_id       VARCHAR(64),
  state        VARCHAR(16)  NOT NULL,
  started_at   TIMESTAMP WITH TIME ZONE,
  ended_at     TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (campaign_id, leg_id)
);

-- Read points a profile run reached, written in the tick that reached them; sampled_at is set
-- when the campaign's workflow has sampled the modules there.
CREATE TABLE leg_read_point (
  campaign_id VARCHAR(64) NOT NULL,
  leg_id      VARCHAR(64) NOT NULL,
  label       VARCHAR(64) NOT NULL,
  position    INT         NOT NULL,
  hours       DOUBLE PRECISION NOT NULL,
  cycles      BIGINT      NOT NULL,
  reached_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  sampled_at  TIMESTAMP WITH TIME ZONE,
  modules_read INT,
  failed      VARCHAR(1000),
  PRIMARY KEY (campaign_id, leg_id, label)
);

-- Which campaign holds which chamber.
CREATE TABLE chamber_reservation (
  chamber     VARCHAR(64) PRIMARY KEY,
  campaign_id VARCHAR(64) NOT NULL,
  reserved_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Registry of production lots and module serials (REST /api/lots, /api/modules).
CREATE TABLE lot (
  id           VARCHAR(64) PRIMARY KEY,
  part_number  VARCHAR(64),
  date_code    VARCHAR(32),
  registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE module (
  serial       VARCHAR(64) PRIMARY KEY,
  lot          VARCHAR(64),
  part_number  VARCHAR(64),
  registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The outcome of each failure's analysis: CONFIRMED or CND (could not duplicate), once closed.
ALTER TABLE module_failure ADD COLUMN fa_outcome VARCHAR(16);
ALTER TABLE module_failure ADD COLUMN fa_closed_at TIMESTAMP WITH TIME ZONE;

-- Interruptions (a pause, a chamber alarm) are deviations too: when and why the run was paused.
ALTER TABLE profile_deviation ADD COLUMN cause VARCHAR(500);
ALTER TABLE profile_run ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE profile_run ADD COLUMN pause_cause VARCHAR(500);

-- Which modules each campaign put on test (a module is on test in at most one active campaign).
CREATE TABLE campaign_module (
  campaign_id VARCHAR(64) NOT NULL,
  serial      VARCHAR(64) NOT NULL,
  PRIMARY KEY (campaign_id, serial)
);
CREATE INDEX campaign_module_by_serial ON campaign_module (serial);
