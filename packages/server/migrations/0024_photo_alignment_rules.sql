-- Alignments of follow-up photos: studio data under row-level security, the values the
-- application relies on (statuses, methods, 3×3 transforms of nine numbers), and least-privilege
-- grants (aligning again updates the row; nothing deletes it).
ALTER TABLE photo_alignment ADD CONSTRAINT photo_alignment_status_check CHECK (status IN ('queued', 'running', 'done', 'refused', 'failed'));
--> statement-breakpoint
ALTER TABLE photo_alignment ADD CONSTRAINT photo_alignment_method_check CHECK (method IN ('features', 'points'));
--> statement-breakpoint
ALTER TABLE photo_alignment ADD CONSTRAINT photo_alignment_model_check CHECK (model IS NULL OR model IN ('homography', 'similarity', 'affine'));
--> statement-breakpoint
ALTER TABLE photo_alignment ADD CONSTRAINT photo_alignment_transform_check CHECK (
  (earlier_from_later IS NULL OR cardinality(earlier_from_later) = 9)
  AND (later_from_earlier IS NULL OR cardinality(later_from_earlier) = 9)
  AND ((earlier_from_later IS NULL) = (later_from_earlier IS NULL)));
--> statement-breakpoint
ALTER TABLE photo_alignment ADD CONSTRAINT photo_alignment_not_itself CHECK (photo_id <> reference_photo_id);
--> statement-breakpoint
ALTER TABLE photo_alignment ADD CONSTRAINT photo_alignment_version_positive CHECK (version >= 1);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON photo_alignment TO stipple_app;
--> statement-breakpoint
ALTER TABLE photo_alignment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON photo_alignment TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
