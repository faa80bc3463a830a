ALTER TABLE `dns_records` ADD `alias_target` text;--> statement-breakpoint
ALTER TABLE `hosted_zones` ADD `records_synced_at` integer;