CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"voucher_id" text NOT NULL,
	"price_points" integer NOT NULL,
	"bought_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coupons_voucher_id_unique" UNIQUE("voucher_id")
);
--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "limits" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "season" jsonb;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "min_bill_fen" bigint;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "funding_rule" text;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "funding_fen_per_point" integer;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "funding_share_percent" integer;--> statement-breakpoint
ALTER TABLE "offers" ADD COLUMN "coupon_valid_days" integer;--> statement-breakpoint
ALTER TABLE "holds" ADD COLUMN "kind" text DEFAULT 'voucher' NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "offer_points" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "offer_discount_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "offer_due_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "offer_funding" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "coupons_resident_idx" ON "coupons" USING btree ("resident_id","bought_at");--> statement-breakpoint
CREATE INDEX "coupons_offer_idx" ON "coupons" USING btree ("offer_id","resident_id");