-- The warehouse's database roles, created once by the stack as the master user (through the RDS
-- Data API; see warehouse-db.ts). Both log in with IAM database authentication only (rds_iam):
-- there is no password to keep. One DO block because the Data API runs one statement per call;
-- it can run again on every deploy and changes nothing the second time.
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clickstream_loader') THEN
    CREATE ROLE clickstream_loader LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clickstream_insights') THEN
    CREATE ROLE clickstream_insights LOGIN;
  END IF;
  GRANT rds_iam TO clickstream_loader, clickstream_insights;

  -- The loader creates and migrates its own tables, so it owns them.
  GRANT USAGE, CREATE ON SCHEMA public TO clickstream_loader;

  -- Insights reads, and only reads: every table the loader has made or will make.
  GRANT USAGE ON SCHEMA public TO clickstream_insights;
  ALTER ROLE clickstream_insights SET default_transaction_read_only = on;
  -- Default privileges name a role the master user must act for (PostgreSQL 16: the creator of a
  -- role may grant it, but is not a member until it does).
  EXECUTE format('GRANT clickstream_loader TO %I', current_user);
  ALTER DEFAULT PRIVILEGES FOR ROLE clickstream_loader IN SCHEMA public GRANT SELECT ON TABLES TO clickstream_insights;
  GRANT SELECT ON ALL TABLES IN SCHEMA public TO clickstream_insights;
END
$roles$;
