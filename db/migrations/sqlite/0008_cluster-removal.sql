ALTER TABLE `clusters` ADD `removal_state` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `removal_records_found` integer;--> statement-breakpoint
ALTER TABLE `clusters` ADD `removal_records_deleted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `clusters` ADD `removal_error` text;--> statement-breakpoint
ALTER TABLE `clusters` ADD `removal_retry_at` integer;--> statement-breakpoint
ALTER TABLE `clusters` ADD `removed_at` integer;