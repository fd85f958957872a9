-- Studio isolation enforced by PostgreSQL itself (row-level security).
--
-- Request work runs as the NOLOGIN role `stipple_app` (the server does `SET LOCAL ROLE stipple_app`
-- inside each transaction) with the studio in the transaction-local setting `stipple.studio_id`.
-- Superusers and table owners bypass RLS, which is why the server switches role: the policies
-- below apply to `stipple_app` only, and any other non-owner role sees nothing at all.
-- RLS is ENABLED, not FORCED, so the connection's own role (the owner) keeps full access for the
-- few system paths that run before a studio is known (sign-in, session lookup, jobs, migrations).

-- Roles are cluster-wide: another database of the same cluster may have created it already,
-- possibly at this very moment.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stipple_app') THEN
    CREATE ROLE stipple_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
--> statement-breakpoint
-- A non-superuser connection must be a member of stipple_app to switch to it. Grant that when
-- this user may; otherwise the server refuses to start and says which GRANT is missing.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'stipple_app', 'MEMBER') THEN
    EXECUTE format('GRANT stipple_app TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'could not grant stipple_app to %: run GRANT stipple_app TO % as an administrator', current_user, current_user;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO stipple_app;
--> statement-breakpoint
-- Least privilege per table: studios are created by the system; audit entries are never edited.
GRANT SELECT, UPDATE ON studio TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON staff_user, auth_session, staff_invitation, client TO stipple_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON audit_entry TO stipple_app;
--> statement-breakpoint
ALTER TABLE studio ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON studio TO stipple_app
  USING (id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE staff_user ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON staff_user TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE auth_session ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON auth_session TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE staff_invitation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON staff_invitation TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE client ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON client TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY studio_isolation ON audit_entry TO stipple_app
  USING (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid)
  WITH CHECK (studio_id = nullif(current_setting('stipple.studio_id', true), '')::uuid);
