ALTER TABLE "clusters" ADD COLUMN "txt_prefix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "txt_suffix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "txt_wildcard_replacement" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "dns_records" ADD COLUMN "ownership_reason" text;