-- What a failure analyst needs from the failing read that the lane readings do not carry: the
-- module fault cause code (CMIS lower page byte 41, read when the module state is FAULT) and the
-- latched flags as read (clear on read: this row is the only record of them), e.g.
-- "TEMPERATURE.HIGH_ALARM, TX.LOS[3]".
ALTER TABLE module_sample ADD COLUMN fault_cause INT;
ALTER TABLE module_sample ADD COLUMN flags VARCHAR(1000);
