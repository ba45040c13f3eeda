CREATE TABLE "claim_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"points" integer,
	"reason" text,
	"status_before" text NOT NULL,
	"evidence_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"rule_version_id" uuid NOT NULL,
	"occurred_on" text NOT NULL,
	"half_hours" integer,
	"note" text,
	"public" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"points" integer,
	"awarded_points" integer,
	"filed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"reason" text,
	"transfer_id" uuid,
	"hidden_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"resident_id" uuid,
	"household_id" uuid,
	"rule_id" uuid NOT NULL,
	"rule_version_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"taken_points" integer NOT NULL,
	"note" text,
	"transfer_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"appeal" text DEFAULT 'none' NOT NULL,
	"appeal_note" text,
	"appealed_at" timestamp with time zone,
	"appeal_decided_by" uuid,
	"appeal_decided_at" timestamp with time zone,
	"appeal_reason" text,
	"appeal_transfer_id" uuid
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploader_role" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea",
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"claim_id" uuid,
	"deduction_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "good_deed_likes" (
	"claim_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "good_deed_likes_claim_id_resident_id_pk" PRIMARY KEY("claim_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "rule_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"category" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"kind" text NOT NULL,
	"points" integer,
	"points_per_hour" integer,
	"min" integer,
	"max" integer,
	"evidence" text NOT NULL,
	"self_claim" boolean NOT NULL,
	"four_eyes" boolean DEFAULT false NOT NULL,
	"limits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active_from" text,
	"active_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"code" text NOT NULL,
	"current_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "four_eyes_threshold" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "appeal_window_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "evidence_retention_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "rights" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "areas" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deductions" ADD CONSTRAINT "deductions_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_rule_id_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_decisions_claim_idx" ON "claim_decisions" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_decisions_one_approval_key" ON "claim_decisions" USING btree ("claim_id","reviewer_id") WHERE "claim_decisions"."decision" = 'approve';--> statement-breakpoint
CREATE INDEX "claims_queue_idx" ON "claims" USING btree ("alliance_id","created_at") WHERE "claims"."status" in ('submitted', 'awaiting_second');--> statement-breakpoint
CREATE INDEX "claims_resident_idx" ON "claims" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_rule_day_idx" ON "claims" USING btree ("resident_id","rule_id","occurred_on");--> statement-breakpoint
CREATE INDEX "claims_feed_idx" ON "claims" USING btree ("alliance_id","decided_at") WHERE "claims"."public" and "claims"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "deductions_resident_idx" ON "deductions" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "deductions_household_idx" ON "deductions" USING btree ("household_id","created_at");--> statement-breakpoint
CREATE INDEX "deductions_appeals_idx" ON "deductions" USING btree ("alliance_id","appealed_at") WHERE "deductions"."appeal" = 'appealed';--> statement-breakpoint
CREATE INDEX "evidence_claim_idx" ON "evidence" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "evidence_deduction_idx" ON "evidence" USING btree ("deduction_id");--> statement-breakpoint
CREATE INDEX "evidence_uploader_idx" ON "evidence" USING btree ("uploaded_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_versions_version_key" ON "rule_versions" USING btree ("rule_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "rules_code_key" ON "rules" USING btree ("alliance_id","code");