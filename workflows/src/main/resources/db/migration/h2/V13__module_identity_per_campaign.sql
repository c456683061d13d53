-- Module identity per campaign (issue #12): a module's test state, baseline, samples and failure
-- belong to (campaign, serial). Until now module_unit and module_failure were keyed by serial, so
-- a module registered in a second campaign took its unit row with it and kept its FAILED state
-- from the first: it was never read again there, yet counted in the sample. The lab's registry of
-- physical modules (table module: serial, lot, part number) stays global.

ALTER TABLE module_unit DROP PRIMARY KEY;
ALTER TABLE module_unit ADD CONSTRAINT module_unit_pk PRIMARY KEY (campaign_id, serial);
CREATE INDEX module_unit_by_serial ON module_unit (serial);
-- when the module was put on test in that campaign: its history is listed in that order
ALTER TABLE module_unit ADD COLUMN registered_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE module_failure DROP PRIMARY KEY;
ALTER TABLE module_failure ADD CONSTRAINT module_failure_pk PRIMARY KEY (campaign_id, serial);
CREATE INDEX module_failure_by_serial ON module_failure (serial);

-- a unit's baseline is looked up per campaign
CREATE INDEX module_sample_by_campaign_serial ON module_sample (campaign_id, serial, kind, id);

-- Existing data, kept readable.
-- 1. A unit marked FAILED in a campaign in which it did not fail carried the state (and credit)
--    over from an earlier campaign and was never read in its own: it is on test (or a control)
--    there, as its samples say, with no credit of its own.
UPDATE module_unit u SET credited_hours = 0, credited_cycles = 0, last_good_point = NULL, state =
    CASE
      WHEN NOT EXISTS (SELECT 1 FROM module_sample s WHERE s.campaign_id = u.campaign_id
                         AND s.serial = u.serial AND s.kind = 'BASELINE') THEN 'REGISTERED'
      WHEN u.control THEN 'CONTROL'
      ELSE 'IN_STRESS'
    END
  WHERE u.state = 'FAILED'
    AND NOT EXISTS (SELECT 1 FROM module_failure f WHERE f.campaign_id = u.campaign_id
                      AND f.serial = u.serial);

-- 2. A failure whose unit row moved to a later campaign gets its unit back, failed, with the
--    credit its failure record kept.
INSERT INTO module_unit (serial, campaign_id, leg_id, lot, control, state, credited_hours,
    credited_cycles, last_good_point)
  SELECT f.serial, f.campaign_id, f.leg_id, m.lot, FALSE, 'FAILED', f.credited_hours,
      f.credited_cycles, f.last_good_point
    FROM module_failure f LEFT JOIN module m ON m.serial = f.serial
    WHERE NOT EXISTS (SELECT 1 FROM module_unit u WHERE u.campaign_id = f.campaign_id
                        AND u.serial = f.serial);

-- 3. A module sampled in an earlier campaign whose unit row moved on gets its unit back there,
--    credited to its last passing read point.
INSERT INTO module_unit (serial, campaign_id, leg_id, lot, control, state, credited_hours,
    credited_cycles, last_good_point)
  SELECT k.serial, k.campaign_id, CASE WHEN k.control THEN NULL ELSE k.leg_id END, m.lot,
      k.control, CASE WHEN k.control THEN 'CONTROL' ELSE 'IN_STRESS' END,
      COALESCE((SELECT MAX(s.stress_hours) FROM module_sample s WHERE s.campaign_id = k.campaign_id
                  AND s.serial = k.serial AND s.kind = 'READ_POINT' AND s.verdict = 'PASS'), 0),
      COALESCE((SELECT MAX(s.cycles) FROM module_sample s WHERE s.campaign_id = k.campaign_id
                  AND s.serial = k.serial AND s.kind = 'READ_POINT' AND s.verdict = 'PASS'), 0),
      (SELECT s.label FROM module_sample s WHERE s.campaign_id = k.campaign_id
         AND s.serial = k.serial AND s.kind = 'READ_POINT' AND s.verdict = 'PASS'
         ORDER BY s.id DESC LIMIT 1)
    FROM (SELECT campaign_id, serial, MAX(leg_id) AS leg_id, BOOL_OR(control) AS control
            FROM module_sample GROUP BY campaign_id, serial) k
      LEFT JOIN module m ON m.serial = k.serial
    WHERE NOT EXISTS (SELECT 1 FROM module_unit u WHERE u.campaign_id = k.campaign_id
                        AND u.serial = k.serial);

-- 4. When each unit was put on test: its campaign's launch, else its first sample, else now.
UPDATE module_unit u SET registered_at = COALESCE(
    (SELECT c.started_at FROM campaign c WHERE c.id = u.campaign_id),
    (SELECT MIN(s.at) FROM module_sample s WHERE s.campaign_id = u.campaign_id
       AND s.serial = u.serial),
    CURRENT_TIMESTAMP);
