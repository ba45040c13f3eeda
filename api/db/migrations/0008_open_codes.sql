ALTER TABLE "holds" ADD COLUMN "kid" text;--> statement-breakpoint
ALTER TABLE "holds" ADD COLUMN "short_code" text;--> statement-breakpoint
CREATE INDEX "holds_open_short_code_idx" ON "holds" USING btree ("alliance_id","short_code") WHERE "holds"."state" = 'open';--> statement-breakpoint
CREATE INDEX "holds_resident_open_idx" ON "holds" USING btree ("resident_id") WHERE "holds"."state" = 'open';