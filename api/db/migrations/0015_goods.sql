CREATE TABLE "goods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"merchant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"points" integer NOT NULL,
	"copay_fen" integer DEFAULT 0 NOT NULL,
	"unit" text NOT NULL,
	"barcode" text,
	"supplier" text,
	"cost_fen" integer,
	"photo_id" uuid,
	"low_stock" integer DEFAULT 5 NOT NULL,
	"stock" bigint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "redemption_lines" (
	"record_id" uuid NOT NULL,
	"goods_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"points" integer NOT NULL,
	"copay_fen" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"goods_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"quantity" bigint NOT NULL,
	"counted" bigint,
	"supplier" text,
	"cost_fen" integer,
	"reason" text,
	"record_id" uuid,
	"recorded_by" text,
	"flagged" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "goods" ADD CONSTRAINT "goods_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goods" ADD CONSTRAINT "goods_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_events" ADD CONSTRAINT "stock_events_goods_id_goods_id_fk" FOREIGN KEY ("goods_id") REFERENCES "public"."goods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goods_merchant_idx" ON "goods" USING btree ("merchant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "goods_barcode_key" ON "goods" USING btree ("merchant_id","barcode") WHERE "goods"."barcode" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "redemption_lines_key" ON "redemption_lines" USING btree ("record_id","goods_id");--> statement-breakpoint
CREATE INDEX "stock_events_goods_idx" ON "stock_events" USING btree ("goods_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_events_record_key" ON "stock_events" USING btree ("record_id","goods_id","kind") WHERE "stock_events"."record_id" is not null;