-- An order's snapshot is written once, when it is paid, and is the record of what was sold.
-- The database refuses to change or clear it afterwards, whatever the application does.
CREATE OR REPLACE FUNCTION prood_orders_snapshot_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.snapshot IS NOT NULL AND NEW.snapshot IS DISTINCT FROM OLD.snapshot THEN
    RAISE EXCEPTION 'order % snapshot is immutable once written', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER orders_snapshot_immutable
  BEFORE UPDATE OF snapshot ON orders
  FOR EACH ROW EXECUTE FUNCTION prood_orders_snapshot_immutable();
