CREATE TABLE "conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"voucher_id" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"device_id" text,
	"points" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"bears" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text,
	"transfer_id" uuid,
	CONSTRAINT "conflicts_record_id_unique" UNIQUE("record_id")
);
--> statement-breakpoint
CREATE TABLE "holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"voucher_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"cap_points" bigint NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"capture_deadline" timestamp with time zone NOT NULL,
	"merchant_scope" bigint DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"captured_points" bigint,
	"claimed_by_record_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "holds_cap_positive" CHECK ("holds"."cap_points" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"balance" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_balance_nonnegative" CHECK ("ledger_accounts"."balance" >= 0),
	CONSTRAINT "ledger_accounts_balance_stored_for_holders" CHECK (("ledger_accounts"."kind" in ('resident', 'household')) = ("ledger_accounts"."balance" is not null))
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"device_id" text,
	"merchant_id" uuid NOT NULL,
	"seq" bigint,
	"voucher_id" text,
	"points" bigint NOT NULL,
	"offer_id" text,
	"bill_fen" bigint DEFAULT 0 NOT NULL,
	"discount_fen" bigint DEFAULT 0 NOT NULL,
	"scanned_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"outcome_detail" text,
	"transfer_id" uuid,
	"offline" boolean DEFAULT false NOT NULL,
	"limit_breach" text
);
--> statement-breakpoint
CREATE TABLE "settlement_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"label" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"rate_fen_per_point" bigint
);
--> statement-breakpoint
CREATE TABLE "settlement_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"redemptions" integer NOT NULL,
	"points_captured" bigint NOT NULL,
	"points_reversed" bigint NOT NULL,
	"points_adjusted" bigint NOT NULL,
	"net_points" bigint NOT NULL,
	"bill_fen" bigint NOT NULL,
	"discount_fen" bigint NOT NULL,
	"rate_fen_per_point" bigint NOT NULL,
	"reimbursement_fen" bigint NOT NULL,
	"conflicts" integer NOT NULL,
	"limit_breaches" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_reference" text,
	"paid_by" uuid
);
--> statement-breakpoint
CREATE TABLE "statement_lines" (
	"transfer_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	CONSTRAINT "statement_lines_transfer_id_pk" PRIMARY KEY("transfer_id")
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"kind" text NOT NULL,
	"pending_id" uuid,
	"record_id" uuid,
	"reverses_id" uuid,
	"reason" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "transfers_amount_positive" CHECK ("transfers"."amount" > 0),
	CONSTRAINT "transfers_two_accounts" CHECK ("transfers"."debit_account_id" <> "transfers"."credit_account_id")
);
--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_periods" ADD CONSTRAINT "settlement_periods_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD CONSTRAINT "settlement_statements_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD CONSTRAINT "settlement_statements_period_id_settlement_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."settlement_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_transfer_id_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_statement_id_settlement_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."settlement_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_debit_account_id_ledger_accounts_id_fk" FOREIGN KEY ("debit_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_credit_account_id_ledger_accounts_id_fk" FOREIGN KEY ("credit_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflicts_alliance_idx" ON "conflicts" USING btree ("alliance_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "holds_voucher_key" ON "holds" USING btree ("alliance_id","voucher_id");--> statement-breakpoint
CREATE INDEX "holds_open_deadline_idx" ON "holds" USING btree ("capture_deadline") WHERE "holds"."state" = 'open';--> statement-breakpoint
CREATE INDEX "holds_account_open_idx" ON "holds" USING btree ("account_id") WHERE "holds"."state" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_owner_key" ON "ledger_accounts" USING btree ("alliance_id","kind","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_device_seq_key" ON "redemptions" USING btree ("device_id","seq") WHERE "redemptions"."outcome" not in ('sequence_conflict', 'bad_device_signature');--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_one_accepted_per_voucher" ON "redemptions" USING btree ("alliance_id","voucher_id") WHERE "redemptions"."outcome" = 'accepted';--> statement-breakpoint
CREATE INDEX "redemptions_device_scanned_idx" ON "redemptions" USING btree ("device_id","scanned_at");--> statement-breakpoint
CREATE INDEX "redemptions_merchant_idx" ON "redemptions" USING btree ("merchant_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_periods_start_key" ON "settlement_periods" USING btree ("alliance_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_statements_merchant_key" ON "settlement_statements" USING btree ("period_id","merchant_id");--> statement-breakpoint
CREATE INDEX "statement_lines_statement_idx" ON "statement_lines" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "transfers_debit_idx" ON "transfers" USING btree ("debit_account_id","created_at");--> statement-breakpoint
CREATE INDEX "transfers_credit_idx" ON "transfers" USING btree ("credit_account_id","created_at");--> statement-breakpoint
CREATE INDEX "transfers_alliance_idx" ON "transfers" USING btree ("alliance_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_capture_per_hold" ON "transfers" USING btree ("pending_id") WHERE "transfers"."kind" = 'capture';--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_reversal_per_capture" ON "transfers" USING btree ("reverses_id");