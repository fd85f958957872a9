-- Rules of studio setup and one-time links that the database enforces itself.
--
-- One-time links are studio data (row-level security, as password resets were). A studio sign-up
-- invitation has no studio yet: the policy hides it from the app role, and only the system (the
-- command line that makes it, the sign-up that uses it) reads it. Each purpose names its subject.
GRANT SELECT, INSERT, UPDATE, DELETE ON one_time_link TO stipple_app;
--> statement-breakpoint
ALTER TABLE one_time_link ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON one_time_link TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE one_time_link ADD CONSTRAINT one_time_link_expires_after_creation CHECK (expires_at > created_at);
--> statement-breakpoint
ALTER TABLE one_time_link ADD CONSTRAINT one_time_link_purpose_check CHECK (
  purpose IN ('password_reset', 'studio_signup', 'booking', 'portal_sign_in', 'intake'));
--> statement-breakpoint
ALTER TABLE one_time_link ADD CONSTRAINT one_time_link_subject_check CHECK (
  CASE purpose
    WHEN 'password_reset' THEN studio_id IS NOT NULL AND user_id IS NOT NULL AND client_id IS NULL
    WHEN 'studio_signup' THEN studio_id IS NULL AND user_id IS NULL AND client_id IS NULL AND email IS NOT NULL
    WHEN 'portal_sign_in' THEN studio_id IS NOT NULL AND client_id IS NOT NULL AND user_id IS NULL
    ELSE studio_id IS NOT NULL AND client_id IS NOT NULL AND user_id IS NULL AND subject_id IS NOT NULL
  END);
--> statement-breakpoint
ALTER TABLE studio ADD CONSTRAINT studio_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
--> statement-breakpoint
ALTER TABLE studio ADD CONSTRAINT studio_version_positive CHECK (version >= 1);
--> statement-breakpoint
ALTER TABLE studio ADD CONSTRAINT studio_consultation_minutes_range CHECK (consultation_minutes BETWEEN 15 AND 240);
