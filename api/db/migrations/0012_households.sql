CREATE TABLE "inspection_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"bonus" jsonb,
	"month_rule" text DEFAULT 'every_check' NOT NULL,
	"frequency" text DEFAULT 'weekly' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"inspector_id" uuid NOT NULL,
	"checked_on" text NOT NULL,
	"month" text NOT NULL,
	"week" text NOT NULL,
	"items" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_months" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"month" text NOT NULL,
	"communities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoring_sheets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"month" text NOT NULL,
	"template_id" uuid,
	"household_name" text NOT NULL,
	"door_number" text,
	"community" text,
	"grid" text,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checks" integer NOT NULL,
	"base" integer NOT NULL,
	"bonus" integer NOT NULL,
	"deductions" integer NOT NULL,
	"score" integer NOT NULL,
	"closed_score" integer NOT NULL,
	"rate" integer NOT NULL,
	"points" integer NOT NULL,
	"transfer_id" uuid,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sheet_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"sheet_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"note" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"score_before" integer,
	"score_after" integer,
	"transfer_id" uuid,
	"correction_points" integer
);
--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "points_per_score_point" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "objection_window_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "door_number" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "community" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "grid" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "plate_hash" text;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "plate_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_templates" ADD CONSTRAINT "inspection_templates_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_template_id_inspection_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."inspection_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_months" ADD CONSTRAINT "scoring_months_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_sheets" ADD CONSTRAINT "scoring_sheets_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_sheets" ADD CONSTRAINT "scoring_sheets_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_objections" ADD CONSTRAINT "sheet_objections_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sheet_objections" ADD CONSTRAINT "sheet_objections_sheet_id_scoring_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."scoring_sheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_templates_alliance_idx" ON "inspection_templates" USING btree ("alliance_id","created_at");--> statement-breakpoint
CREATE INDEX "inspections_household_month_idx" ON "inspections" USING btree ("household_id","month");--> statement-breakpoint
CREATE INDEX "inspections_alliance_month_idx" ON "inspections" USING btree ("alliance_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_months_key" ON "scoring_months" USING btree ("alliance_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_sheets_household_month_key" ON "scoring_sheets" USING btree ("household_id","month");--> statement-breakpoint
CREATE INDEX "scoring_sheets_alliance_month_idx" ON "scoring_sheets" USING btree ("alliance_id","month");--> statement-breakpoint
CREATE INDEX "sheet_objections_sheet_idx" ON "sheet_objections" USING btree ("sheet_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sheet_objections_one_open_key" ON "sheet_objections" USING btree ("sheet_id") WHERE "sheet_objections"."state" = 'open';--> statement-breakpoint
CREATE INDEX "sheet_objections_open_idx" ON "sheet_objections" USING btree ("alliance_id","created_at") WHERE "sheet_objections"."state" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "households_plate_key" ON "households" USING btree ("plate_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "households_door_key" ON "households" USING btree ("alliance_id","door_number");