CREATE TABLE `accounts` (
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`provider` text NOT NULL,
	`provider_account_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`provider`, `provider_account_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `accounts_user_idx` ON `accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`occurred_at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`org_id` text,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`outcome` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_org_time_idx` ON `audit_events` (`org_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`uid` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`external_dns_policy` text DEFAULT 'sync' NOT NULL,
	`external_dns_state` text DEFAULT 'not-deployed' NOT NULL,
	`credentials_vault_version` integer,
	`last_seen_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clusters_uid_unique` ON `clusters` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `clusters_org_name_uq` ON `clusters` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `dns_records` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`hosted_zone_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`set_identifier` text DEFAULT '' NOT NULL,
	`ttl` integer,
	`values` text DEFAULT '[]' NOT NULL,
	`owner_id` text,
	`resource` text,
	`cluster_id` text,
	`ownership` text DEFAULT 'unmanaged' NOT NULL,
	`synced_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hosted_zone_id`) REFERENCES `hosted_zones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dns_records_zone_name_type_set_uq` ON `dns_records` (`hosted_zone_id`,`name`,`type`,`set_identifier`);--> statement-breakpoint
CREATE INDEX `dns_records_org_idx` ON `dns_records` (`org_id`);--> statement-breakpoint
CREATE TABLE `gc_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`hosted_zone_id` text NOT NULL,
	`action` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`reason` text NOT NULL,
	`scheduled_for` integer,
	`approved_by` text,
	`approved_at` integer,
	`executed_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hosted_zone_id`) REFERENCES `hosted_zones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `gc_decisions_status_due_idx` ON `gc_decisions` (`status`,`scheduled_for`);--> statement-breakpoint
CREATE INDEX `gc_decisions_org_idx` ON `gc_decisions` (`org_id`);--> statement-breakpoint
CREATE TABLE `hosted_zones` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`generation` integer NOT NULL,
	`name` text NOT NULL,
	`aws_zone_id` text,
	`caller_reference` text NOT NULL,
	`name_servers` text DEFAULT '[]' NOT NULL,
	`delegation_state` text DEFAULT 'unknown' NOT NULL,
	`delegation_checked_at` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`aws_created_at` integer,
	`record_count` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hosted_zones_aws_zone_id_unique` ON `hosted_zones` (`aws_zone_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `hosted_zones_caller_reference_unique` ON `hosted_zones` (`caller_reference`);--> statement-breakpoint
CREATE INDEX `hosted_zones_org_idx` ON `hosted_zones` (`org_id`);--> statement-breakpoint
CREATE INDEX `hosted_zones_name_idx` ON `hosted_zones` (`name`);--> statement-breakpoint
CREATE TABLE `iam_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`iam_user_name` text NOT NULL,
	`iam_user_arn` text,
	`policy_name` text NOT NULL,
	`policy_arn` text,
	`access_key_id` text,
	`access_key_created_at` integer,
	`access_key_verified_at` integer,
	`vault_path` text NOT NULL,
	`vault_version` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `iam_credentials_org_id_unique` ON `iam_credentials` (`org_id`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_org_uq` ON `memberships` (`user_id`,`org_id`);--> statement-breakpoint
CREATE INDEX `memberships_org_idx` ON `memberships` (`org_id`);--> statement-breakpoint
CREATE TABLE `org_identity_providers` (
	`org_id` text PRIMARY KEY NOT NULL,
	`issuer` text NOT NULL,
	`client_id` text NOT NULL,
	`client_secret_vault_path` text NOT NULL,
	`client_secret_vault_version` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`display_name` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`desired_state` text DEFAULT 'present' NOT NULL,
	`generation` integer DEFAULT 1 NOT NULL,
	`gc_pinned` integer DEFAULT false NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_slug_unique` ON `organizations` (`slug`);--> statement-breakpoint
CREATE TABLE `provisioning_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`step` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_retry_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provisioning_steps_org_step_uq` ON `provisioning_steps` (`org_id`,`step`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`session_token` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`image` text,
	`email_verified` integer,
	`is_platform_operator` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);