-- Rules of the treatment records that the database enforces itself: studio isolation (RLS) on
-- every new table, least-privilege grants, immutable signed consents, value checks, and no double
-- booking of an artist (an exclusion constraint, which needs btree_gist for the uuid column; it is
-- a trusted contrib extension on PostgreSQL 13+, and PGlite loads it as an extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_no_double_booking
  EXCLUDE USING gist (artist_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
  WHERE (status <> 'cancelled');
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_ends_after_start CHECK (ends_at > starts_at);
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_kind_check CHECK (kind IN ('consultation', 'session', 'touch_up'));
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_status_check CHECK (status IN ('booked', 'completed', 'cancelled'));
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_course_needed CHECK (kind = 'consultation' OR course_id IS NOT NULL);
--> statement-breakpoint
ALTER TABLE treatment_course ADD CONSTRAINT treatment_course_interval_check CHECK (min_interval_days BETWEEN 1 AND 365);
--> statement-breakpoint
ALTER TABLE photo ADD CONSTRAINT photo_session_role_pair CHECK ((session_id IS NULL) = (session_role IS NULL));
--> statement-breakpoint
ALTER TABLE photo ADD CONSTRAINT photo_view_check CHECK (view IN ('front', 'top', 'left', 'right', 'back', 'close-up'));
--> statement-breakpoint
ALTER TABLE photo ADD CONSTRAINT photo_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$');
--> statement-breakpoint
ALTER TABLE product ADD CONSTRAINT product_kind_check CHECK (kind IN ('pigment', 'needle'));
--> statement-breakpoint
ALTER TABLE session_record ADD CONSTRAINT session_record_status_check CHECK (status IN ('draft', 'completed'));
--> statement-breakpoint
ALTER TABLE session_record ADD CONSTRAINT session_record_completed_pair CHECK ((status = 'completed') = (completed_at IS NOT NULL));
--> statement-breakpoint
ALTER TABLE consent_record ADD CONSTRAINT consent_record_kind_check CHECK (kind IN ('treatment', 'photo', 'marketing'));
--> statement-breakpoint
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped'));
--> statement-breakpoint
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_sent_pair CHECK ((status = 'sent') = (sent_at IS NOT NULL));
--> statement-breakpoint
-- A signed consent is evidence: nobody changes or deletes it, not even the table owner.
-- Withdrawal is a row of its own (consent_withdrawal).
CREATE FUNCTION stipple_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER consent_record_immutable BEFORE UPDATE OR DELETE ON consent_record
  FOR EACH ROW EXECUTE FUNCTION stipple_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_withdrawal_immutable BEFORE UPDATE OR DELETE ON consent_withdrawal
  FOR EACH ROW EXECUTE FUNCTION stipple_refuse_change();
--> statement-breakpoint
CREATE TRIGGER appointment_event_immutable BEFORE UPDATE OR DELETE ON appointment_event
  FOR EACH ROW EXECUTE FUNCTION stipple_refuse_change();
--> statement-breakpoint
-- Least privilege: history, signed consents and template versions are append-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON photo, treatment_course, appointment, working_hours,
  working_hours_exception, calendar_feed, product, product_lot, session_record, session_material,
  aftercare_item TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON appointment_event, consent_template, consent_record, consent_withdrawal,
  aftercare_template TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON outbox_message TO stipple_app;
--> statement-breakpoint
ALTER TABLE photo ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON photo TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE treatment_course ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON treatment_course TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE appointment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON appointment TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE appointment_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON appointment_event TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE working_hours ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON working_hours TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE working_hours_exception ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON working_hours_exception TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE calendar_feed ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON calendar_feed TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE product ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON product TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE product_lot ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON product_lot TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE session_record ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON session_record TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE session_material ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON session_material TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE consent_template ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON consent_template TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE consent_record ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON consent_record TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE consent_withdrawal ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON consent_withdrawal TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE aftercare_template ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON aftercare_template TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE aftercare_item ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON aftercare_item TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE outbox_message ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON outbox_message TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
