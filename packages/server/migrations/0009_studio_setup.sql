ALTER TABLE "studio" ADD COLUMN "slug" text;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "languages" jsonb DEFAULT '["en"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "currency" text DEFAULT 'GBP' NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "logo_sha256" text;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "consultation_minutes" integer DEFAULT 45 NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "consultation_types" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "intro" jsonb DEFAULT '{"en":"","zh-CN":""}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "policy" jsonb DEFAULT '{"publicBooking":true,"confirmation":"manual","minNoticeHours":24,"cancellationNoticeHours":48,"bufferMinutes":15,"bookingHorizonDays":60,"depositRequired":false,"depositAmountMinor":null,"depositRule":{"en":"","zh-CN":""}}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "studio" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Studios made before public pages existed get a slug from their name (the id makes it unique).
UPDATE "studio" SET "slug" = coalesce(nullif(trim(both '-' from regexp_replace(lower("name"), '[^a-z0-9]+', '-', 'g')), ''), 'studio') || '-' || left(replace("id"::text, '-', ''), 6) WHERE "slug" IS NULL;--> statement-breakpoint
ALTER TABLE "studio" ALTER COLUMN "slug" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "studio_slug_key" ON "studio" USING btree ("slug");