-- The client's screening answers from home are studio data under row-level security. An answer is
-- never edited: a new submission supersedes it, and the artist's acceptance is recorded on it.
GRANT SELECT, INSERT, UPDATE ON intake_response TO stipple_app;
--> statement-breakpoint
ALTER TABLE intake_response ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON intake_response TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE intake_response ADD CONSTRAINT intake_response_status_check
  CHECK (status IN ('submitted', 'accepted', 'superseded'));
--> statement-breakpoint
ALTER TABLE intake_response ADD CONSTRAINT intake_response_review_pair
  CHECK ((status = 'accepted') = (reviewed_at IS NOT NULL));
