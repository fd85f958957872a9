CREATE TABLE "gallery_pair" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"studio_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"before_photo_id" uuid NOT NULL,
	"after_photo_id" uuid NOT NULL,
	"consent_id" uuid NOT NULL,
	"crop" jsonb NOT NULL,
	"transform" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_outcome" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"studio_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"photo_id" uuid NOT NULL,
	"earlier_photo_id" uuid NOT NULL,
	"after_session" smallint NOT NULL,
	"transform" jsonb NOT NULL,
	"fitzpatrick" smallint,
	"density_measured" boolean NOT NULL,
	"zones" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gallery_pair" ADD CONSTRAINT "gallery_pair_studio_id_studio_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studio"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_pair" ADD CONSTRAINT "gallery_pair_client_id_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."client"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_pair" ADD CONSTRAINT "gallery_pair_before_photo_id_photo_id_fk" FOREIGN KEY ("before_photo_id") REFERENCES "public"."photo"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_pair" ADD CONSTRAINT "gallery_pair_after_photo_id_photo_id_fk" FOREIGN KEY ("after_photo_id") REFERENCES "public"."photo"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_pair" ADD CONSTRAINT "gallery_pair_consent_id_consent_record_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consent_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gallery_pair" ADD CONSTRAINT "gallery_pair_created_by_staff_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_outcome" ADD CONSTRAINT "session_outcome_studio_id_studio_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studio"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_outcome" ADD CONSTRAINT "session_outcome_client_id_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."client"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_outcome" ADD CONSTRAINT "session_outcome_photo_id_photo_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photo"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_outcome" ADD CONSTRAINT "session_outcome_earlier_photo_id_photo_id_fk" FOREIGN KEY ("earlier_photo_id") REFERENCES "public"."photo"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_outcome" ADD CONSTRAINT "session_outcome_created_by_staff_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gallery_pair_photos_key" ON "gallery_pair" USING btree ("before_photo_id","after_photo_id");--> statement-breakpoint
CREATE INDEX "gallery_pair_studio_idx" ON "gallery_pair" USING btree ("studio_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "session_outcome_photo_key" ON "session_outcome" USING btree ("photo_id");--> statement-breakpoint
CREATE INDEX "session_outcome_client_idx" ON "session_outcome" USING btree ("studio_id","client_id");