-- The ledger's history is append-only: transfers, redemption records and statement lines are
-- never updated or deleted (a correction is a new `adjust` transfer with a reason and an actor).
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is refused: the ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER transfers_no_truncate BEFORE TRUNCATE ON transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER redemptions_append_only BEFORE UPDATE OR DELETE ON redemptions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER statement_lines_append_only BEFORE UPDATE OR DELETE ON statement_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- A closed statement never changes; only its payment (once) may be recorded.
CREATE FUNCTION settlement_statement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'settlement statements are never deleted' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.paid_at IS NOT NULL
     OR (to_jsonb(NEW) - 'paid_at' - 'paid_reference' - 'paid_by')
        IS DISTINCT FROM (to_jsonb(OLD) - 'paid_at' - 'paid_reference' - 'paid_by') THEN
    RAISE EXCEPTION 'settlement statement % is frozen', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER settlement_statements_frozen BEFORE UPDATE OR DELETE ON settlement_statements
  FOR EACH ROW EXECUTE FUNCTION settlement_statement_frozen();
