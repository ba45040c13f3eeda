CREATE TABLE "merchant_funding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"rule" text NOT NULL,
	"fen_per_point" integer,
	"share_percent" integer,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "funding_rule" text DEFAULT 'per_point' NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "funding_share_percent" integer;--> statement-breakpoint
ALTER TABLE "merchant_funding" ADD CONSTRAINT "merchant_funding_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "merchant_funding_month_key" ON "merchant_funding" USING btree ("merchant_id","from_month");