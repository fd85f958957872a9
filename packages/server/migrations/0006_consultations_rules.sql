-- Rules of consultations, plans and previews that the database enforces itself: studio isolation
-- (RLS) on every new table, least-privilege grants, saved plan versions that nobody rewrites, and
-- the values the application relies on.
ALTER TABLE consultation ADD CONSTRAINT consultation_version_positive CHECK (version >= 1);
--> statement-breakpoint
ALTER TABLE treatment_plan ADD CONSTRAINT treatment_plan_version_positive CHECK (version >= 1);
--> statement-breakpoint
ALTER TABLE treatment_plan ADD CONSTRAINT treatment_plan_eligibility_check CHECK (eligibility IN ('eligible', 'postpone', 'refer', 'not_eligible'));
--> statement-breakpoint
ALTER TABLE treatment_plan ADD CONSTRAINT treatment_plan_interval_check CHECK (min_interval_days BETWEEN 1 AND 365 AND sessions_count BETWEEN 1 AND 20);
--> statement-breakpoint
ALTER TABLE photo_zones ADD CONSTRAINT photo_zones_version_positive CHECK (version >= 1);
--> statement-breakpoint
ALTER TABLE preview_render ADD CONSTRAINT preview_render_status_check CHECK (status IN ('queued', 'running', 'done', 'failed'));
--> statement-breakpoint
ALTER TABLE preview_render ADD CONSTRAINT preview_render_progress_check CHECK (progress BETWEEN 0 AND 100);
--> statement-breakpoint
ALTER TABLE photo_analysis ADD CONSTRAINT photo_analysis_status_check CHECK (status IN ('queued', 'running', 'done', 'failed'));
--> statement-breakpoint
-- A saved plan version is what the client was told: a change is a new version, never an edit.
CREATE TRIGGER treatment_plan_immutable BEFORE UPDATE OR DELETE ON treatment_plan
  FOR EACH ROW EXECUTE FUNCTION stipple_refuse_change();
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON consultation, photo_zones, preview_render, photo_analysis TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON treatment_plan TO stipple_app;
--> statement-breakpoint
ALTER TABLE consultation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON consultation TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE treatment_plan ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON treatment_plan TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE photo_zones ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON photo_zones TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE preview_render ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON preview_render TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE photo_analysis ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON photo_analysis TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
