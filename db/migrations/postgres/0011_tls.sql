CREATE TABLE "tls_authorities" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"key_algorithm" text NOT NULL,
	"subject" text NOT NULL,
	"serial" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"vault_path" text NOT NULL,
	"vault_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tls_authorities_org_id_unique" UNIQUE("org_id")
);
--> statement-breakpoint
CREATE TABLE "tls_certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"cluster_id" text,
	"serial" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"dns_names" jsonb NOT NULL,
	"certificate_pem" text NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"vault_path" text NOT NULL,
	"vault_version" integer NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"revoked_at" timestamp with time zone,
	"key_deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tls_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"cluster_id" text NOT NULL,
	"namespace" text NOT NULL,
	"secret_name" text NOT NULL,
	"scope" text NOT NULL,
	"certificate_id" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"retry_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "tls_namespaces" jsonb DEFAULT '["default"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tls_authorities" ADD CONSTRAINT "tls_authorities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tls_certificates" ADD CONSTRAINT "tls_certificates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tls_certificates" ADD CONSTRAINT "tls_certificates_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tls_deliveries" ADD CONSTRAINT "tls_deliveries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tls_deliveries" ADD CONSTRAINT "tls_deliveries_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tls_deliveries" ADD CONSTRAINT "tls_deliveries_certificate_id_tls_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."tls_certificates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tls_certificates_org_state_idx" ON "tls_certificates" USING btree ("org_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "tls_certificates_serial_uq" ON "tls_certificates" USING btree ("org_id","serial");--> statement-breakpoint
CREATE UNIQUE INDEX "tls_deliveries_target_uq" ON "tls_deliveries" USING btree ("cluster_id","namespace","secret_name");