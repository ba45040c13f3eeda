CREATE TABLE "awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" text NOT NULL,
	"scope" text NOT NULL,
	"community" text,
	"holder_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"rank" integer NOT NULL,
	"points" integer NOT NULL,
	"gift" text NOT NULL,
	"value_fen" integer,
	"given_by" uuid NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screen_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"name" text NOT NULL,
	"community" text,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_links" ADD CONSTRAINT "screen_links_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "awards_holder_key" ON "awards" USING btree ("alliance_id","period","period_start","scope","holder_id");--> statement-breakpoint
CREATE INDEX "awards_period_idx" ON "awards" USING btree ("alliance_id","period","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "screen_links_token_key" ON "screen_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "screen_links_alliance_idx" ON "screen_links" USING btree ("alliance_id");