-- Values the application relies on, checked by the database as well.
ALTER TABLE staff_user ADD CONSTRAINT staff_user_email_folded CHECK (email = lower(email));
--> statement-breakpoint
ALTER TABLE staff_user ADD CONSTRAINT staff_user_role_check CHECK (role IN ('owner', 'artist', 'front_desk'));
--> statement-breakpoint
ALTER TABLE staff_user ADD CONSTRAINT staff_user_locale_check CHECK (locale IN ('en', 'zh-CN'));
--> statement-breakpoint
ALTER TABLE staff_invitation ADD CONSTRAINT staff_invitation_role_check CHECK (role IN ('owner', 'artist', 'front_desk'));
--> statement-breakpoint
ALTER TABLE staff_invitation ADD CONSTRAINT staff_invitation_email_folded CHECK (email = lower(email));
--> statement-breakpoint
ALTER TABLE client ADD CONSTRAINT client_version_positive CHECK (version >= 1);
--> statement-breakpoint
ALTER TABLE job ADD CONSTRAINT job_state_check CHECK (state IN ('created', 'retry', 'active', 'completed', 'failed'));
