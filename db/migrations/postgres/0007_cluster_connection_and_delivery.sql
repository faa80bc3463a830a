ALTER TABLE "clusters" ADD COLUMN "connection_kind" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "kubeconfig_vault_path" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "kubeconfig_vault_version" integer;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "status_token_hash" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "external_dns_error" text;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "external_dns_retry_at" timestamp with time zone;