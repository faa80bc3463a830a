ALTER TABLE "provisioning_steps" ADD COLUMN "error_service" text;--> statement-breakpoint
ALTER TABLE "provisioning_steps" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "provisioning_steps" ADD COLUMN "error_class" text;--> statement-breakpoint
ALTER TABLE "provisioning_steps" ADD COLUMN "error_retryable" boolean;