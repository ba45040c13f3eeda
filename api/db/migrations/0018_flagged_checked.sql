ALTER TABLE "stock_events" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stock_events" ADD COLUMN "checked_by" text;