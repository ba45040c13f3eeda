ALTER TABLE "holds" DROP CONSTRAINT "holds_alliance_id_alliances_id_fk";
--> statement-breakpoint
ALTER TABLE "holds" DROP CONSTRAINT "holds_account_id_ledger_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "redemptions" DROP CONSTRAINT "redemptions_alliance_id_alliances_id_fk";
--> statement-breakpoint
ALTER TABLE "statement_lines" DROP CONSTRAINT "statement_lines_transfer_id_transfers_id_fk";
--> statement-breakpoint
ALTER TABLE "statement_lines" DROP CONSTRAINT "statement_lines_statement_id_settlement_statements_id_fk";
--> statement-breakpoint
ALTER TABLE "transfers" DROP CONSTRAINT "transfers_alliance_id_alliances_id_fk";
--> statement-breakpoint
ALTER TABLE "transfers" DROP CONSTRAINT "transfers_debit_account_id_ledger_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "transfers" DROP CONSTRAINT "transfers_credit_account_id_ledger_accounts_id_fk";
