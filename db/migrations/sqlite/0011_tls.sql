CREATE TABLE `tls_authorities` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`key_algorithm` text NOT NULL,
	`subject` text NOT NULL,
	`serial` text NOT NULL,
	`certificate_pem` text NOT NULL,
	`fingerprint_sha256` text NOT NULL,
	`not_before` integer NOT NULL,
	`not_after` integer NOT NULL,
	`vault_path` text NOT NULL,
	`vault_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tls_authorities_org_id_unique` ON `tls_authorities` (`org_id`);--> statement-breakpoint
CREATE TABLE `tls_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`scope` text NOT NULL,
	`cluster_id` text,
	`serial` text NOT NULL,
	`subject` text NOT NULL,
	`issuer` text NOT NULL,
	`dns_names` text NOT NULL,
	`certificate_pem` text NOT NULL,
	`fingerprint_sha256` text NOT NULL,
	`not_before` integer NOT NULL,
	`not_after` integer NOT NULL,
	`vault_path` text NOT NULL,
	`vault_version` integer NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`revoked_at` integer,
	`key_deleted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tls_certificates_org_state_idx` ON `tls_certificates` (`org_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `tls_certificates_serial_uq` ON `tls_certificates` (`org_id`,`serial`);--> statement-breakpoint
CREATE TABLE `tls_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`namespace` text NOT NULL,
	`secret_name` text NOT NULL,
	`scope` text NOT NULL,
	`certificate_id` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`retry_at` integer,
	`delivered_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cluster_id`) REFERENCES `clusters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`certificate_id`) REFERENCES `tls_certificates`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tls_deliveries_target_uq` ON `tls_deliveries` (`cluster_id`,`namespace`,`secret_name`);--> statement-breakpoint
ALTER TABLE `clusters` ADD `tls_namespaces` text DEFAULT '["default"]' NOT NULL;