ALTER TABLE "appointment" ADD COLUMN "plan_override_reason" text;--> statement-breakpoint
ALTER TABLE "appointment_event" ADD COLUMN "plan_override_reason" text;--> statement-breakpoint
ALTER TABLE "session_record" ADD COLUMN "plan_override_reason" text;--> statement-breakpoint
ALTER TABLE "session_record" ADD COLUMN "plan_override_by" uuid;--> statement-breakpoint
ALTER TABLE "session_record" ADD COLUMN "plan_override_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "treatment_course" ADD COLUMN "consultation_id" uuid;--> statement-breakpoint
ALTER TABLE "session_record" ADD CONSTRAINT "session_record_plan_override_by_staff_user_id_fk" FOREIGN KEY ("plan_override_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_course" ADD CONSTRAINT "treatment_course_consultation_id_consultation_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultation"("id") ON DELETE no action ON UPDATE no action;