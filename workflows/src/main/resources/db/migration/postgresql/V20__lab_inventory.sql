-- The lab's chamber inventory (issue #13): one row per chamber, its definition as the JSON that
-- /api/chambers shows. Chambers of the lab file (stressflow.lab.file) are written at every start
-- (source FILE), except their service state, which belongs to the lab staff who set it; chambers
-- added through the API (source API) stay until changed there.
CREATE TABLE lab_chamber (
  id          VARCHAR(64)   PRIMARY KEY,
  definition  VARCHAR(8000) NOT NULL,
  source      VARCHAR(8)    NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by  VARCHAR(64)
);

-- Each chamber leg runs in the chamber assigned to it at launch (given, or chosen from its pool).
ALTER TABLE campaign_leg ADD COLUMN chamber VARCHAR(64);

-- A campaign names every chamber it uses.
ALTER TABLE campaign ALTER COLUMN chamber SET DATA TYPE VARCHAR(1000);

-- The reservation calendar: until when the holder expects to need the chamber.
ALTER TABLE chamber_reservation ADD COLUMN expected_until TIMESTAMP WITH TIME ZONE;

-- Campaigns waiting for a chamber, and why: told by a message when it frees.
CREATE TABLE chamber_waiter (
  campaign_id VARCHAR(64)  NOT NULL,
  chamber     VARCHAR(64)  NOT NULL,
  since       TIMESTAMP WITH TIME ZONE NOT NULL,
  reason      VARCHAR(500) NOT NULL,
  PRIMARY KEY (campaign_id, chamber)
);
