ALTER TABLE "integrations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- every change to an integration (credentials re-saved, enabled toggled, re-sealed under a new
-- key, a hand-written UPDATE) moves its version, so cached providers of the old one are dropped
CREATE OR REPLACE FUNCTION "integrations_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "integrations_bump_version" BEFORE UPDATE ON "integrations"
  FOR EACH ROW EXECUTE FUNCTION "integrations_bump_version"();
