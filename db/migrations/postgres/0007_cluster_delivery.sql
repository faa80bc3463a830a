ALTER TABLE "clusters" ADD COLUMN "external_dns_error" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "external_dns_retry_at" timestamp with time zone;