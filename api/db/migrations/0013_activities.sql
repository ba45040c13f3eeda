CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"title" text NOT NULL,
	"rule_id" uuid NOT NULL,
	"rule_version_id" uuid NOT NULL,
	"rule_version" integer NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"waitlist" integer DEFAULT 5 NOT NULL,
	"signup_deadline" timestamp with time zone NOT NULL,
	"communities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"team" text,
	"status" text DEFAULT 'open' NOT NULL,
	"organizer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"signed_up_count" integer,
	"attended_count" integer,
	"attendance_rate" integer
);
--> statement-breakpoint
CREATE TABLE "activity_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"how" text NOT NULL,
	"ticked_by" uuid,
	"half_hours" integer,
	"claim_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"status" text NOT NULL,
	"position" integer NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendance" ADD CONSTRAINT "activity_attendance_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signups" ADD CONSTRAINT "activity_signups_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_alliance_start_idx" ON "activities" USING btree ("alliance_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_attendance_resident_key" ON "activity_attendance" USING btree ("activity_id","resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signups_resident_key" ON "activity_signups" USING btree ("activity_id","resident_id");--> statement-breakpoint
CREATE INDEX "activity_signups_waiting_idx" ON "activity_signups" USING btree ("activity_id","position") WHERE "activity_signups"."status" = 'waitlisted';--> statement-breakpoint
CREATE INDEX "claims_transfer_idx" ON "claims" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "deductions_transfer_idx" ON "deductions" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "deductions_appeal_transfer_idx" ON "deductions" USING btree ("appeal_transfer_id");