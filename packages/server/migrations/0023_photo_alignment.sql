CREATE TABLE "photo_alignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"studio_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"photo_id" uuid NOT NULL,
	"reference_photo_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"method" text DEFAULT 'features' NOT NULL,
	"corrected" boolean DEFAULT false NOT NULL,
	"corrected_by" uuid,
	"corrected_at" timestamp with time zone,
	"model" text,
	"earlier_from_later" double precision[],
	"later_from_earlier" double precision[],
	"residual_px" double precision,
	"quality" jsonb,
	"point_pairs" jsonb,
	"refusal_reason" text,
	"refusal_details" jsonb,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"difference" jsonb,
	"aligned_sha256" text,
	"difference_sha256" text,
	"version" integer DEFAULT 1 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "photo_alignment" ADD CONSTRAINT "photo_alignment_studio_id_studio_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studio"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_alignment" ADD CONSTRAINT "photo_alignment_client_id_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."client"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_alignment" ADD CONSTRAINT "photo_alignment_photo_id_photo_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photo"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_alignment" ADD CONSTRAINT "photo_alignment_reference_photo_id_photo_id_fk" FOREIGN KEY ("reference_photo_id") REFERENCES "public"."photo"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_alignment" ADD CONSTRAINT "photo_alignment_corrected_by_staff_user_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_alignment" ADD CONSTRAINT "photo_alignment_created_by_staff_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "photo_alignment_photo_key" ON "photo_alignment" USING btree ("photo_id");--> statement-breakpoint
CREATE INDEX "photo_alignment_reference_idx" ON "photo_alignment" USING btree ("reference_photo_id");