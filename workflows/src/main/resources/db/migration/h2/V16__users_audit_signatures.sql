-- People and trust (issue #14): local users, the audit trail, signed decisions, CLI tokens, and the
-- actor on every logbook entry.

-- Local users (the embedded default; with OIDC people live in the identity provider). The
-- password is a DelegatingPasswordEncoder hash ({bcrypt}...); roles comma-separated.
CREATE TABLE app_user (
  username      VARCHAR(64)  PRIMARY KEY,
  password_hash VARCHAR(200) NOT NULL,
  roles         VARCHAR(200) NOT NULL,
  enabled       BOOLEAN      NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by    VARCHAR(64)  NOT NULL
);

-- CLI login tokens: only a SHA-256 of the token is kept.
CREATE TABLE api_token (
  token_hash  VARCHAR(64) PRIMARY KEY,
  username    VARCHAR(64) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The audit trail: every state-changing API call, refused ones too. Append-only: the triggers
-- refuse UPDATE and DELETE.
CREATE TABLE audit_event (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  at          TIMESTAMP WITH TIME ZONE NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  action      VARCHAR(200) NOT NULL,
  target      VARCHAR(1000) NOT NULL,
  outcome     VARCHAR(64)  NOT NULL,
  reason      VARCHAR(1000),
  request_id  VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_event_by_time ON audit_event (at, id);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
  CALL "io.stressflow.workflows.security.AppendOnlyTrigger";
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
  CALL "io.stressflow.workflows.security.AppendOnlyTrigger";

-- Signed decisions (report approval, failure confirmed or dismissed): who, when, the meaning they
-- stated, and what they decided. Immutable: a later decision supersedes an earlier one with a new
-- row naming it.
CREATE TABLE signed_decision (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  campaign_id          VARCHAR(64)  NOT NULL,
  process_instance_key VARCHAR(32)  NOT NULL,
  task_key             VARCHAR(32)  NOT NULL,
  element_id           VARCHAR(64)  NOT NULL,
  subject              VARCHAR(200) NOT NULL,
  decision             VARCHAR(64)  NOT NULL,
  signer               VARCHAR(200) NOT NULL,
  signed_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  meaning              VARCHAR(1000) NOT NULL,
  supersedes           BIGINT
);
CREATE INDEX signed_decision_by_campaign ON signed_decision (campaign_id, id);
CREATE TRIGGER signed_decision_no_update BEFORE UPDATE ON signed_decision FOR EACH ROW
  CALL "io.stressflow.workflows.security.AppendOnlyTrigger";
CREATE TRIGGER signed_decision_no_delete BEFORE DELETE ON signed_decision FOR EACH ROW
  CALL "io.stressflow.workflows.security.AppendOnlyTrigger";

-- who wrote each logbook entry: a user, or 'system' for the workflow's own steps
ALTER TABLE campaign_event ADD COLUMN actor VARCHAR(200) DEFAULT 'system' NOT NULL;
