CREATE TABLE "rejected_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"device_id" text NOT NULL,
	"merchant_id" uuid NOT NULL,
	"record_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text NOT NULL,
	"evidence" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Statements keep the merchant's name and number as they were at close. Statements closed before
-- this migration take today's: the best that is known. The frozen-statement trigger is lifted
-- for this one backfill only.
ALTER TABLE "settlement_statements" ADD COLUMN "merchant_name" text;--> statement-breakpoint
ALTER TABLE "settlement_statements" ADD COLUMN "merchant_number" integer;--> statement-breakpoint
ALTER TABLE "settlement_statements" DISABLE TRIGGER "settlement_statements_frozen";--> statement-breakpoint
UPDATE "settlement_statements" s SET "merchant_name" = m."name", "merchant_number" = m."number"
  FROM "merchants" m WHERE m."id" = s."merchant_id";--> statement-breakpoint
ALTER TABLE "settlement_statements" ENABLE TRIGGER "settlement_statements_frozen";--> statement-breakpoint
ALTER TABLE "settlement_statements" ALTER COLUMN "merchant_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_statements" ALTER COLUMN "merchant_number" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "rejected_records_content_key" ON "rejected_records" USING btree ("device_id","content_hash");--> statement-breakpoint
CREATE INDEX "rejected_records_merchant_idx" ON "rejected_records" USING btree ("merchant_id","received_at");