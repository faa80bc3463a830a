ALTER TABLE `clusters` ADD `external_dns_error` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `external_dns_retry_at` integer;