-- Why an analysis or a render failed is a message reference ({ code, params }) the apps word in the
-- reader's language; the English text of rows written before stays, as a JSON string.
ALTER TABLE "photo_analysis" ALTER COLUMN "error" SET DATA TYPE jsonb USING to_jsonb("error");--> statement-breakpoint
ALTER TABLE "preview_render" ALTER COLUMN "error" SET DATA TYPE jsonb USING to_jsonb("error");
