-- A render whose zones were saved again before it started is superseded: never made, not failed.
ALTER TABLE preview_render DROP CONSTRAINT preview_render_status_check;
--> statement-breakpoint
ALTER TABLE preview_render ADD CONSTRAINT preview_render_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'superseded'));
