CREATE TABLE "card_uses" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"offline" boolean NOT NULL,
	"pin_checked" boolean NOT NULL,
	"floor_breach" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"kid" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"pin_hash" text,
	"pin_set_at" timestamp with time zone,
	"failed_pin_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"unlocked_at" timestamp with time zone,
	"unlocked_by" uuid,
	"lost_at" timestamp with time zone,
	"replaced_at" timestamp with time zone,
	"replaced_by" uuid,
	"issued_by" uuid,
	CONSTRAINT "cards_failed_pin_attempts_nonnegative" CHECK ("cards"."failed_pin_attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_uses_card_idx" ON "card_uses" USING btree ("card_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_number_key" ON "cards" USING btree ("alliance_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_one_active_per_resident" ON "cards" USING btree ("resident_id") WHERE "cards"."status" = 'active';--> statement-breakpoint
CREATE INDEX "cards_resident_idx" ON "cards" USING btree ("resident_id","issued_at");