CREATE INDEX "dns_records_org_name_idx" ON "dns_records" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "dns_records_org_ownership_idx" ON "dns_records" USING btree ("org_id","ownership");--> statement-breakpoint
CREATE INDEX "dns_records_cluster_idx" ON "dns_records" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "dns_records_name_idx" ON "dns_records" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "dns_records_ownership_name_idx" ON "dns_records" USING btree ("ownership","name");