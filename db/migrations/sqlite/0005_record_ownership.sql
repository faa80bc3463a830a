ALTER TABLE `clusters` ADD `txt_prefix` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `txt_suffix` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `txt_wildcard_replacement` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `dns_records` ADD `ownership_reason` text;