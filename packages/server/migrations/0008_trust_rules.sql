-- Rules of account security that the database enforces itself: password reset links are studio
-- data (row-level security, least privilege: a link is created and marked used, never edited
-- otherwise); sign-in counters are read by the system only (no grant to the app role); an
-- outbox message goes to exactly one person, a client or a staff member.
GRANT SELECT, INSERT, UPDATE, DELETE ON password_reset TO stipple_app;
--> statement-breakpoint
ALTER TABLE password_reset ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON password_reset TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE password_reset ADD CONSTRAINT password_reset_expires_after_creation CHECK (expires_at > created_at);
--> statement-breakpoint
ALTER TABLE login_throttle ADD CONSTRAINT login_throttle_failures_check CHECK (failures >= 0);
--> statement-breakpoint
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_one_recipient CHECK ((client_id IS NULL) <> (staff_user_id IS NULL));
