-- Password reset links become one-time links of purpose password_reset (the same rows, moved).
INSERT INTO "one_time_link" ("id", "studio_id", "purpose", "user_id", "token_hash", "created_at", "expires_at", "used_at")
SELECT "id", "studio_id", 'password_reset', "user_id", "token_hash", "created_at", "expires_at", "used_at" FROM "password_reset";
--> statement-breakpoint
DROP TABLE "password_reset" CASCADE;
