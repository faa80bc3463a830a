ALTER TABLE "users" DROP CONSTRAINT "users_email_unique";--> statement-breakpoint
DROP INDEX "accounts_user_idx";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "identity_scope" text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "platform_groups" text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_user_uq" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_scope_email_uq" ON "users" USING btree ("identity_scope","email");--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "is_platform_operator";--> statement-breakpoint
-- Data: identities linked through an org's own IdP move into that org's identity scope, and
-- org accounts are bound to the issuer their org has now (platform accounts bind at next sign-in).
UPDATE "users" SET "identity_scope" = 'org:' || (SELECT o."id" FROM "accounts" a JOIN "organizations" o ON a."provider" = 'org-' || o."slug" WHERE a."user_id" = "users"."id") WHERE EXISTS (SELECT 1 FROM "accounts" a JOIN "organizations" o ON a."provider" = 'org-' || o."slug" WHERE a."user_id" = "users"."id");--> statement-breakpoint
UPDATE "accounts" SET "issuer" = (SELECT p."issuer" FROM "org_identity_providers" p JOIN "organizations" o ON o."id" = p."org_id" WHERE "accounts"."provider" = 'org-' || o."slug") WHERE "provider" LIKE 'org-%';
