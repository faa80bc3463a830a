// Every kind of event the audit trail records. Add here first, then call recordAuditEvent.
export const AUDIT_ACTIONS = ['org.created'] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
