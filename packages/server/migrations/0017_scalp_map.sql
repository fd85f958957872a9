ALTER TABLE "photo_analysis" ADD COLUMN "scalp_map_sha256" text;--> statement-breakpoint
ALTER TABLE "photo_analysis" ADD COLUMN "correction_sha256" text;--> statement-breakpoint
ALTER TABLE "photo_zones" ADD COLUMN "scalp_map_sha256" text;