-- What a failure analyst needs from the failing read that the lane readings do not carry: the
-- module fault cause code (CMIS lower page byte 41, read when the module state is FAULT) and the
-- latched flags as read (clear on read: this row is the only record of them), e.g.
-- "TEMPERATURE.HIGH_ALARM, TX.LOS[3]".
ALTER TABLE module_sample ADD COLUMN fault_cause INT;
ALTER TABLE module_sample ADD COLUMN flags VARCHAR(1000);

-- Whether the leg's modules are powered under stress (the plan's `powered`, or its stress type's
-- default), so a restarted application attaches them to the probe as they were. Null for legs
-- registered before this column: taken as powered, as they were simulated then.
ALTER TABLE sampling_leg ADD COLUMN powered BOOLEAN;
