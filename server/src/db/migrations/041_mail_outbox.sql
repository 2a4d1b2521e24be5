-- Outgoing mail (mail/). A mail is written here, encrypted under its recipient's subject key
-- (secrets/), in the transaction that makes it necessary, with a job on the `mail` queue;
-- the job sends it. The row stays as the record of what was sent (a requester's export holds
-- it) and, in development without SMTP_URL, is the mailbox shown at /dev/mail.
CREATE TABLE mail_outbox (
  tenant_id       text NOT NULL REFERENCES tenants (id),
  environment     text NOT NULL CHECK (environment IN ('test', 'live')),
  id              text NOT NULL CHECK (id ~ '^mail_[0-9a-z]{20}$'),
  subject_key_id  text NOT NULL,
  template        text NOT NULL CHECK (template ~ '^[a-z_]{1,64}$'),
  locale          text NOT NULL CHECK (locale IN ('en', 'da', 'de', 'hi')),
  -- Encrypted: recipient address, subject line, text and HTML bodies.
  recipient       bytea NOT NULL,
  subject_line    bytea NOT NULL,
  text_body       bytea NOT NULL,
  html_body       bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text CHECK (length(last_error) <= 500),
  sent_at         timestamptz,
  sent_via        text CHECK (sent_via IN ('smtp', 'development_mailbox')),
  PRIMARY KEY (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id)
);
CREATE INDEX mail_outbox_recent ON mail_outbox (created_at DESC);
CREATE INDEX mail_outbox_subject ON mail_outbox (tenant_id, environment, subject_key_id);
-- The sender records attempts and delivery; what was sent never changes.
GRANT SELECT, INSERT ON mail_outbox TO porttask_app;
GRANT UPDATE (attempts, last_error, sent_at, sent_via) ON mail_outbox TO porttask_app;
