ALTER TABLE `clusters` ADD `connection_kind` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `kubeconfig_vault_path` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `kubeconfig_vault_version` integer;--> statement-breakpoint
ALTER TABLE `clusters` ADD `status_token_hash` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `external_dns_error` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `external_dns_retry_at` integer;