// Row types of the tables, shared by both dialects (their shapes are identical).
import type * as schema from './schema/sqlite';

export type Organization = typeof schema.organizations.$inferSelect;
export type NewOrganization = typeof schema.organizations.$inferInsert;
export type User = typeof schema.users.$inferSelect;
export type Membership = typeof schema.memberships.$inferSelect;
export type Invitation = typeof schema.invitations.$inferSelect;
export type HostedZone = typeof schema.hostedZones.$inferSelect;
export type IamCredential = typeof schema.iamCredentials.$inferSelect;
export type ProvisioningStep = typeof schema.provisioningSteps.$inferSelect;
export type Cluster = typeof schema.clusters.$inferSelect;
export type DnsRecord = typeof schema.dnsRecords.$inferSelect;
export type GcDecision = typeof schema.gcDecisions.$inferSelect;
export type AuditEvent = typeof schema.auditEvents.$inferSelect;
export type TlsAuthority = typeof schema.tlsAuthorities.$inferSelect;
export type TlsCertificate = typeof schema.tlsCertificates.$inferSelect;
export type TlsDelivery = typeof schema.tlsDeliveries.$inferSelect;
