ALTER TABLE `provisioning_steps` ADD `error_service` text;--> statement-breakpoint
ALTER TABLE `provisioning_steps` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `provisioning_steps` ADD `error_class` text;--> statement-breakpoint
ALTER TABLE `provisioning_steps` ADD `error_retryable` integer;