ALTER TABLE "appointment" ADD COLUMN "deposit_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment" ADD COLUMN "deposit_amount_minor" integer;--> statement-breakpoint
ALTER TABLE "appointment" ADD COLUMN "deposit_currency" text;--> statement-breakpoint
ALTER TABLE "appointment" ADD COLUMN "deposit_method" text;--> statement-breakpoint
ALTER TABLE "appointment" ADD COLUMN "deposit_reference" text;--> statement-breakpoint
ALTER TABLE "appointment" ADD COLUMN "deposit_reason" text;--> statement-breakpoint
ALTER TABLE "appointment" ADD COLUMN "deposit_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointment_event" ADD COLUMN "deposit_amount_minor" integer;--> statement-breakpoint
ALTER TABLE "appointment_event" ADD COLUMN "deposit_method" text;--> statement-breakpoint
ALTER TABLE "appointment_event" ADD COLUMN "deposit_reference" text;