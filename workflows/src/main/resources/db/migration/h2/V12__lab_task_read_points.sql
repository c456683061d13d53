-- Read points as a lab task (issue #11): the modules go out to the lab's station while the chamber
-- holds the recovery condition; lab staff record when they left and came back, the station record,
-- who measured and notes, once per read point.
ALTER TABLE leg_read_point ADD COLUMN station_record VARCHAR(200);
ALTER TABLE leg_read_point ADD COLUMN measured_by VARCHAR(200);
ALTER TABLE leg_read_point ADD COLUMN modules_out_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE leg_read_point ADD COLUMN modules_back_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE leg_read_point ADD COLUMN lab_notes VARCHAR(2000);
