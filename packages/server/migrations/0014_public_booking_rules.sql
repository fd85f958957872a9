-- Rules of the public side (online bookings, the waitlist, the client portal) that the database
-- enforces itself: every new table is studio data under row-level security; an appointment may
-- be requested (held for an online booking) or a no-show; each one-time link purpose names its
-- subject.
GRANT SELECT, INSERT, UPDATE ON booking, waitlist_entry TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON booking_photo TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON portal_session TO stipple_app;
--> statement-breakpoint
ALTER TABLE booking ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON booking TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE booking_photo ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON booking_photo TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE waitlist_entry ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON waitlist_entry TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE portal_session ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON portal_session TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE appointment DROP CONSTRAINT appointment_status_check;
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_status_check
  CHECK (status IN ('requested', 'booked', 'completed', 'cancelled', 'no_show'));
--> statement-breakpoint
ALTER TABLE booking ADD CONSTRAINT booking_status_check
  CHECK (status IN ('unverified', 'requested', 'confirmed', 'declined', 'expired', 'cancelled'));
--> statement-breakpoint
ALTER TABLE booking ADD CONSTRAINT booking_locale_check CHECK (locale IN ('en', 'zh-CN'));
--> statement-breakpoint
ALTER TABLE booking ADD CONSTRAINT booking_email_folded CHECK (email = lower(email));
--> statement-breakpoint
ALTER TABLE booking ADD CONSTRAINT booking_verified_pair CHECK ((status = 'unverified' OR status = 'expired') OR verified_at IS NOT NULL);
--> statement-breakpoint
ALTER TABLE waitlist_entry ADD CONSTRAINT waitlist_entry_status_check
  CHECK (status IN ('unverified', 'waiting', 'booked', 'removed', 'expired'));
--> statement-breakpoint
ALTER TABLE waitlist_entry ADD CONSTRAINT waitlist_entry_dates_check CHECK (until_date >= from_date);
--> statement-breakpoint
ALTER TABLE waitlist_entry ADD CONSTRAINT waitlist_entry_locale_check CHECK (locale IN ('en', 'zh-CN'));
--> statement-breakpoint
ALTER TABLE portal_session ADD CONSTRAINT portal_session_expires_after_creation CHECK (expires_at > created_at);
--> statement-breakpoint
ALTER TABLE one_time_link DROP CONSTRAINT one_time_link_purpose_check;
--> statement-breakpoint
ALTER TABLE one_time_link ADD CONSTRAINT one_time_link_purpose_check CHECK (
  purpose IN ('password_reset', 'studio_signup', 'booking', 'waitlist', 'portal_sign_in', 'intake'));
