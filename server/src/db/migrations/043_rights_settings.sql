-- A tenant's own settings for privacy-rights requests, per environment (rights/settings/):
-- the calendar its deadlines are counted in, the DPDP response period it publishes, and who
-- is reached about requests. NULL calendar columns keep the defaults of the tenant's region.
--
-- The grievance officer's name and address are stored in clear: DPDP makes the tenant publish
-- them to every data principal, and the request form shows them to any visitor. The privacy
-- contact (who receives due-soon and overdue announcements) is never published and may name a
-- person, so it is encrypted under the tenant environment's contacts subject key, which is also
-- the key its announcement mails are encrypted under (mail_outbox needs one per recipient).
CREATE TABLE rights_settings (
  tenant_id                text NOT NULL REFERENCES tenants (id),
  environment              text NOT NULL CHECK (environment IN ('test', 'live')),
  time_zone                text CHECK (length(time_zone) BETWEEN 1 AND 64),
  holiday_country          text CHECK (holiday_country ~ '^[A-Z]{2}$'),
  holiday_state            text CHECK (holiday_state ~ '^[A-Za-z0-9]{1,10}$'),
  dpdp_response_days       integer NOT NULL DEFAULT 30 CHECK (dpdp_response_days BETWEEN 1 AND 90),
  grievance_officer_name   text CHECK (length(grievance_officer_name) BETWEEN 1 AND 200),
  grievance_officer_email  text CHECK (length(grievance_officer_email) BETWEEN 3 AND 254),
  contacts_subject_key_id  text,
  privacy_contact_email    bytea,
  updated_at               timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment),
  FOREIGN KEY (tenant_id, environment, contacts_subject_key_id) REFERENCES subject_keys (tenant_id, environment, id),
  CHECK (holiday_state IS NULL OR holiday_country IS NOT NULL),
  CHECK ((grievance_officer_name IS NULL) = (grievance_officer_email IS NULL)),
  CHECK (privacy_contact_email IS NULL OR contacts_subject_key_id IS NOT NULL)
);
GRANT SELECT, INSERT, UPDATE ON rights_settings TO porttask_app;

-- Steps the fulfilment and the scheduled jobs add to a request's history: a code sent again,
-- the erasure of a deletion request, and the due-soon / overdue announcements.
ALTER TABLE rights_request_events DROP CONSTRAINT rights_request_events_event_check;
ALTER TABLE rights_request_events ADD CONSTRAINT rights_request_events_event_check CHECK (event IN ('received', 'code_sent',
  'verification_failed', 'locked', 'verified', 'receipt_confirmed', 'approved', 'denied', 'extended', 'note', 'in_progress',
  'completed', 'cancelled', 'expired', 'code_resent', 'erased', 'due_soon', 'overdue'));

-- At most a few codes per request (the first and the resends).
ALTER TABLE rights_requests ADD CONSTRAINT rights_requests_codes_sent_max CHECK (codes_sent <= 4);

-- Each deadline announcement is made once per request, flag and due date (an extension moves
-- the date, and the new one is announced again). The primary key makes "once" hold across
-- API processes running the job at the same time.
CREATE TABLE rights_request_announcements (
  tenant_id     text NOT NULL,
  environment   text NOT NULL CHECK (environment IN ('test', 'live')),
  request_id    text NOT NULL,
  flag          text NOT NULL CHECK (flag IN ('due_within_7_days', 'due_within_2_days', 'overdue')),
  due_on        date NOT NULL,
  announced_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment, request_id, flag, due_on),
  FOREIGN KEY (tenant_id, environment, request_id) REFERENCES rights_requests (tenant_id, environment, id)
);
GRANT SELECT, INSERT ON rights_request_announcements TO porttask_app;

-- Unverified requests expire; the job finds them by age.
CREATE INDEX rights_requests_unverified ON rights_requests (received_at) WHERE status IN ('identity_unverified', 'expired_unverified');

-- Erasure (rights/fulfilment/erasure.ts) unlinks what stays: a requester's request loses the
-- link to their browser's consent records and its email blind index (overwritten with random
-- bytes, so it matches no address).
GRANT UPDATE (consent_subject_id, email_index) ON rights_requests TO porttask_app;
