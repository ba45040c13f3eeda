ALTER TABLE "staff_users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "sign_in_code_hash" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "sign_in_code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "resident_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_phone_key" ON "staff_users" USING btree ("phone");--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_signs_in" CHECK ("staff_users"."email" is not null or "staff_users"."phone" is not null);