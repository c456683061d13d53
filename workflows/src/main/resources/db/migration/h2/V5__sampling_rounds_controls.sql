-- Sampling rounds (a baseline or read point of one leg, taken once: a job delivered twice gets the
-- stored round back), control samples, the leg's failure criteria kept for restarts, and failure
-- routing that completes after the round's commit (and after a restart).

CREATE TABLE sampling_leg (
  campaign_id VARCHAR(64)   NOT NULL,
  leg_id      VARCHAR(64)   NOT NULL,
  criteria    VARCHAR(4000),
  PRIMARY KEY (campaign_id, leg_id)
);

CREATE TABLE sampling_round (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id VARCHAR(64) NOT NULL,
  leg_id      VARCHAR(64) NOT NULL,
  kind        VARCHAR(16) NOT NULL,
  label       VARCHAR(64) NOT NULL,
  at          TIMESTAMP WITH TIME ZONE NOT NULL,
  -- null while the round is being taken (its samples commit in chunks); a round found unfinished
  -- after a crash is resumed with the modules it has not read yet
  completed_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT sampling_round_once UNIQUE (campaign_id, leg_id, label)
);

-- control samples belong to the campaign, not to a leg: they are never stressed
ALTER TABLE module_unit ALTER COLUMN leg_id DROP NOT NULL;

ALTER TABLE module_sample ADD COLUMN control BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE module_sample ADD COLUMN round_id BIGINT;
CREATE INDEX module_sample_by_round ON module_sample (round_id);
-- a round inserts hundreds of samples: take sample ids from the sequence a thousand at a time
-- (the default, 32, writes the sequence back every 32 rows)
ALTER TABLE module_sample ALTER COLUMN id SET CACHE 1000;

-- when the failure-analysis instance was created and the campaign told; null = still to do
ALTER TABLE module_failure ADD COLUMN fa_started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE module_failure ADD COLUMN message_sent_at TIMESTAMP WITH TIME ZONE;
UPDATE module_failure SET fa_started_at = detected_at, message_sent_at = detected_at
  WHERE fa_instance_key IS NOT NULL;
