ALTER TABLE "clusters" ADD COLUMN "removal_state" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "removal_records_found" integer;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "removal_records_deleted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "removal_error" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "removal_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "removed_at" timestamp with time zone;