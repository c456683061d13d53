-- Exactly-once effects (issue #12). Every message the application publishes to the workflow engine
-- is first a row here, written in the same transaction as the state it announces; a relay sends
-- pending rows with their stable message id and marks them sent only once the engine has
-- acknowledged (or answered that it has that message id already).
CREATE TABLE outbox_message (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  message_id      VARCHAR(400)     NOT NULL,
  name            VARCHAR(128)     NOT NULL,
  correlation_key VARCHAR(128)     NOT NULL,
  -- the message's variables, as a JSON object
  variables       VARCHAR(1000000) NOT NULL,
  time_to_live_ms BIGINT           NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE,
  attempts        INT              DEFAULT 0 NOT NULL,
  last_error      VARCHAR(1000000),
  CONSTRAINT outbox_message_once UNIQUE (message_id)
);
CREATE INDEX outbox_message_pending ON outbox_message (sent_at, id);

-- A logbook entry that must be written at most once per fact (e.g. per job, so a job the engine
-- delivers again writes no second entry) carries a key; entries without one are not constrained.
ALTER TABLE campaign_event ADD COLUMN once_key VARCHAR(400);
CREATE UNIQUE INDEX campaign_event_once ON campaign_event (once_key);
