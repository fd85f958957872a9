-- Measured outcomes and before-and-after pairs are studio data under row-level security. An
-- outcome is a measurement: recorded, never edited (a new measurement of the photo replaces it
-- through delete and insert). A pair is added or taken out of the gallery, never edited.
GRANT SELECT, INSERT, DELETE ON session_outcome TO stipple_app;
--> statement-breakpoint
ALTER TABLE session_outcome ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON session_outcome TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON gallery_pair TO stipple_app;
--> statement-breakpoint
ALTER TABLE gallery_pair ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON gallery_pair TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
