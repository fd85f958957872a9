-- A deposit keeps its own rules in the database: known statuses and methods, a paid deposit says
-- how much and how, a waived one says why, and whatever is recorded says when.
ALTER TABLE appointment ADD CONSTRAINT appointment_deposit_status_check
  CHECK (deposit_status IN ('none', 'required', 'paid', 'waived'));
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_deposit_method_check
  CHECK (deposit_method IS NULL OR deposit_method IN ('cash', 'card_terminal', 'bank_transfer'));
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_deposit_amount_check
  CHECK (deposit_amount_minor IS NULL OR deposit_amount_minor > 0);
--> statement-breakpoint
ALTER TABLE appointment ADD CONSTRAINT appointment_deposit_consistent CHECK (
  CASE deposit_status
    WHEN 'none' THEN deposit_amount_minor IS NULL AND deposit_method IS NULL AND deposit_recorded_at IS NULL
    WHEN 'required' THEN deposit_method IS NULL AND deposit_recorded_at IS NOT NULL
    WHEN 'paid' THEN deposit_amount_minor IS NOT NULL AND deposit_currency IS NOT NULL
      AND deposit_method IS NOT NULL AND deposit_recorded_at IS NOT NULL
    WHEN 'waived' THEN deposit_method IS NULL AND deposit_reason IS NOT NULL AND deposit_recorded_at IS NOT NULL
  END);
--> statement-breakpoint
ALTER TABLE appointment_event ADD CONSTRAINT appointment_event_deposit_method_check
  CHECK (deposit_method IS NULL OR deposit_method IN ('cash', 'card_terminal', 'bank_transfer'));
