// Value sets shared by both dialects' schemas and by the domain code that writes them.

export const ORG_STATUSES = [
  'pending',
  'provisioning',
  'ready',
  'failed',
  'deleting',
  'deleted',
] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

/** What the operator wants to exist; the reconciler moves actual state towards it. */
export const DESIRED_STATES = ['present', 'absent'] as const;
export type DesiredState = (typeof DESIRED_STATES)[number];

export const MEMBERSHIP_ROLES = ['admin', 'viewer'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** How a person came to be a member: which identity provider vouched for them. */
export const MEMBERSHIP_SOURCES = ['platform-idp', 'org-idp', 'invitation'] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

export const ZONE_STATUSES = [
  'pending',
  'creating',
  'ready',
  'deleting',
  'deleted',
  'failed',
] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

export const DELEGATION_STATES = ['unknown', 'missing', 'matches', 'differs'] as const;
export type DelegationState = (typeof DELEGATION_STATES)[number];

export const CREDENTIAL_STATUSES = ['pending', 'ready', 'rotating', 'failed', 'deleted'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const STEP_STATUSES = ['pending', 'provisioning', 'ready', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The external systems Zonekeeper calls, one adapter each (server/cloud/). */
export const CLOUD_SERVICES = ['route53', 'iam', 'sts', 'vault', 'kube'] as const;
export type CloudService = (typeof CLOUD_SERVICES)[number];

/**
 * What kind of failure an error is, decided once by the adapter that saw it, so a person can be
 * told what happens next: throttled, busy (an earlier change is still being applied or spread)
 * and unavailable clear on their own; denied and quota need an operator; invalid, not-found and
 * conflict are refusals of this request; internal is Zonekeeper's own bug; unknown is a code no
 * table names yet (and every error stored before errors were classified).
 */
export const ERROR_CLASSES = [
  'throttled',
  'busy',
  'unavailable',
  'denied',
  'quota',
  'invalid',
  'not-found',
  'conflict',
  'internal',
  'unknown',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export const CLUSTER_STATUSES = ['pending', 'running', 'stopped', 'deleted'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** How Zonekeeper reaches a cluster: its kubeconfig, or not at all (an admin applies manifests). */
export const CLUSTER_CONNECTION_KINDS = ['kubeconfig', 'manual'] as const;
export type ClusterConnectionKind = (typeof CLUSTER_CONNECTION_KINDS)[number];

export const EXTERNAL_DNS_POLICIES = ['sync', 'upsert-only'] as const;
export type ExternalDnsPolicy = (typeof EXTERNAL_DNS_POLICIES)[number];

export const EXTERNAL_DNS_STATES = [
  'not-deployed',
  'deploying',
  'running',
  'degraded',
  'failed',
] as const;
export type ExternalDnsState = (typeof EXTERNAL_DNS_STATES)[number];

/**
 * Where the removal of a deleted cluster stands: its ExternalDNS (and kubeconfig) being removed,
 * then the records it owned being deleted from the zone, then done. Null: not being removed
 * (a live cluster, or one deleted before removals were carried out).
 */
export const CLUSTER_REMOVAL_STATES = ['removing-externaldns', 'deleting-records', 'done'] as const;
export type ClusterRemovalState = (typeof CLUSTER_REMOVAL_STATES)[number];

/**
 * What the ExternalDNS TXT registry says of a record: owned by a live cluster of the org, stale
 * (its cluster is stopped), orphan (a deleted cluster, or an owner id no cluster of the org has),
 * conflict (two claims, or an owner in another org), unmanaged (no registry record).
 */
export const RECORD_OWNERSHIPS = ['owned', 'stale', 'orphan', 'conflict', 'unmanaged'] as const;
export type RecordOwnership = (typeof RECORD_OWNERSHIPS)[number];

export const GC_ACTIONS = ['delete-now', 'schedule', 'keep', 'cancel'] as const;
export type GcAction = (typeof GC_ACTIONS)[number];

export const GC_STATUSES = [
  'proposed',
  'approved',
  'scheduled',
  'executing',
  'done',
  'cancelled',
  'failed',
] as const;
export type GcStatus = (typeof GC_STATUSES)[number];

export const ACTOR_TYPES = ['user', 'system', 'cli'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The key type of an org's CA and the certificates it issues (ECDSA P-256 unless asked). */
export const TLS_KEY_ALGORITHMS = ['ecdsa-p256', 'rsa-2048'] as const;
export type TlsKeyAlgorithm = (typeof TLS_KEY_ALGORITHMS)[number];

/** What a server certificate covers: the org zone, or one cluster's domain. */
export const TLS_CERTIFICATE_SCOPES = ['org', 'cluster'] as const;
export type TlsCertificateScope = (typeof TLS_CERTIFICATE_SCOPES)[number];

/** active: the one delivered; superseded: replaced by a renewal; revoked: its cluster is gone. */
export const TLS_CERTIFICATE_STATES = ['active', 'superseded', 'revoked'] as const;
export type TlsCertificateState = (typeof TLS_CERTIFICATE_STATES)[number];

/** Where one TLS Secret in one namespace of one cluster stands. */
export const TLS_DELIVERY_STATES = ['pending', 'delivered', 'failed', 'removed'] as const;
export type TlsDeliveryState = (typeof TLS_DELIVERY_STATES)[number];
