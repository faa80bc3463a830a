ALTER TABLE "dns_records" ADD COLUMN "alias_target" text;--> statement-breakpoint
ALTER TABLE "hosted_zones" ADD COLUMN "records_synced_at" timestamp with time zone;