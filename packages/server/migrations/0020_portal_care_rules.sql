-- The portal's aftercare ticks are studio data under row-level security; the client ticks and
-- unticks (insert, delete), nothing is edited. A kiosk ticket is a one-time link of its own
-- purpose: bound to a client and a consent text (subject_id), and to the staff member who opened
-- it on the tablet (user_id).
GRANT SELECT, INSERT, DELETE ON aftercare_check TO stipple_app;
--> statement-breakpoint
ALTER TABLE aftercare_check ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON aftercare_check TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE one_time_link DROP CONSTRAINT one_time_link_purpose_check;
--> statement-breakpoint
ALTER TABLE one_time_link ADD CONSTRAINT one_time_link_purpose_check CHECK (
  purpose IN ('password_reset', 'studio_signup', 'booking', 'waitlist', 'portal_sign_in', 'intake', 'kiosk'));
--> statement-breakpoint
ALTER TABLE one_time_link DROP CONSTRAINT one_time_link_subject_check;
--> statement-breakpoint
ALTER TABLE one_time_link ADD CONSTRAINT one_time_link_subject_check CHECK (
  CASE purpose
    WHEN 'password_reset' THEN studio_id IS NOT NULL AND user_id IS NOT NULL AND client_id IS NULL
    WHEN 'studio_signup' THEN studio_id IS NULL AND user_id IS NULL AND client_id IS NULL AND email IS NOT NULL
    WHEN 'portal_sign_in' THEN studio_id IS NOT NULL AND client_id IS NOT NULL AND user_id IS NULL
    WHEN 'kiosk' THEN studio_id IS NOT NULL AND client_id IS NOT NULL AND user_id IS NOT NULL AND subject_id IS NOT NULL
    ELSE studio_id IS NOT NULL AND client_id IS NOT NULL AND user_id IS NULL AND subject_id IS NOT NULL
  END);
