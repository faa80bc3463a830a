// PostgreSQL tables. db/schema/sqlite.ts holds the same tables for SQLite: keep them in step
// (test/unit/db/schema-parity.test.ts fails when they drift; the store suite runs on both).
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp as pgTimestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACTOR_TYPES,
  AUDIT_OUTCOMES,
  CLOUD_SERVICES,
  CLUSTER_CONNECTION_KINDS,
  CLUSTER_REMOVAL_STATES,
  CLUSTER_STATUSES,
  CREDENTIAL_STATUSES,
  DELEGATION_STATES,
  DESIRED_STATES,
  ERROR_CLASSES,
  EXTERNAL_DNS_POLICIES,
  EXTERNAL_DNS_STATES,
  GC_ACTIONS,
  GC_STATUSES,
  MEMBERSHIP_ROLES,
  MEMBERSHIP_SOURCES,
  ORG_STATUSES,
  RECORD_OWNERSHIPS,
  STEP_STATUSES,
  TLS_CERTIFICATE_SCOPES,
  TLS_CERTIFICATE_STATES,
  TLS_DELIVERY_STATES,
  TLS_KEY_ALGORITHMS,
  ZONE_STATUSES,
} from './enums';

// Timestamps are timestamptz (an instant, shown in UTC), read back as Date.
const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () =>
  timestamp('created_at')
    .notNull()
    .$defaultFn(() => new Date());
const updatedAt = () =>
  timestamp('updated_at')
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
const id = () => text('id').primaryKey();
// The owning organization; its rows go with it.
const orgId = () =>
  text('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const organizations = pgTable('organizations', {
  id: id(),
  slug: text('slug').notNull().unique(),
  displayName: text('display_name').notNull(),
  status: text('status', { enum: ORG_STATUSES }).notNull().default('pending'),
  desiredState: text('desired_state', { enum: DESIRED_STATES }).notNull().default('present'),
  generation: integer('generation').notNull().default(1),
  gcPinned: boolean('gc_pinned').notNull().default(false),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: timestamp('deleted_at'),
});

// A person as one identity scope knows them: `platform` for the platform IdP, `org:<orgId>` for
// an org's own IdP. An email is unique within a scope only, so an org's IdP that asserts an
// address creates its own user and never takes over (or locks out) the platform's.
export const users = pgTable(
  'users',
  {
    id: id(),
    identityScope: text('identity_scope').notNull().default('platform'),
    email: text('email').notNull(),
    name: text('name'),
    image: text('image'),
    emailVerified: timestamp('email_verified'),
    // The groups claim of the last platform sign-in (JSON list): operator rights are recomputed
    // from it and the current ZK_PLATFORM_OPERATOR_GROUPS on every request.
    platformGroups: text('platform_groups').notNull().default('[]'),
    createdAt: createdAt(),
    lastSignInAt: timestamp('last_sign_in_at'),
  },
  (t) => [uniqueIndex('users_scope_email_uq').on(t.identityScope, t.email)],
);

// Linked identities (Auth.js "accounts"). OAuth tokens are secrets and are never stored.
export const accounts = pgTable(
  'accounts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    // The issuer that vouched for this `sub`; a sign-in through another issuer is refused. Null
    // only for identities linked before issuers were recorded: bound at their next sign-in.
    issuer: text('issuer'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    // One identity per user: two first sign-ins racing for one user cannot both link.
    uniqueIndex('accounts_user_uq').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp('expires').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    source: text('source', { enum: MEMBERSHIP_SOURCES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_user_org_uq').on(t.userId, t.orgId),
    index('memberships_org_idx').on(t.orgId),
  ],
);

// A person invited into an organization by email, before they have signed in. Their next sign-in
// through the platform IdP with this email, verified, turns it into a membership (acceptedAt).
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    orgId: orgId(),
    // Lower-cased, so that the match at sign-in does not depend on how anyone typed it.
    email: text('email').notNull(),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    acceptedAt: timestamp('accepted_at'),
  },
  (t) => [
    uniqueIndex('invitations_org_email_uq').on(t.orgId, t.email),
    index('invitations_email_idx').on(t.email),
  ],
);

// An organization's own OIDC provider. The client secret lives in Vault; only its path is here.
export const orgIdentityProviders = pgTable('org_identity_providers', {
  orgId: orgId().primaryKey(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretVaultPath: text('client_secret_vault_path').notNull(),
  clientSecretVaultVersion: integer('client_secret_vault_version'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const hostedZones = pgTable(
  'hosted_zones',
  {
    id: id(),
    orgId: orgId(),
    generation: integer('generation').notNull(),
    name: text('name').notNull(),
    awsZoneId: text('aws_zone_id').unique(),
    callerReference: text('caller_reference').notNull().unique(),
    nameServers: jsonb('name_servers')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    delegationState: text('delegation_state', { enum: DELEGATION_STATES })
      .notNull()
      .default('unknown'),
    delegationCheckedAt: timestamp('delegation_checked_at'),
    status: text('status', { enum: ZONE_STATUSES }).notNull().default('pending'),
    // Route 53 does not report when a zone was created; billing and GC need it, so we keep it.
    awsCreatedAt: timestamp('aws_created_at'),
    recordCount: integer('record_count').notNull().default(0),
    // When the record sync last listed the zone in full; pages show it next to the records.
    recordsSyncedAt: timestamp('records_synced_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [index('hosted_zones_org_idx').on(t.orgId), index('hosted_zones_name_idx').on(t.name)],
);

// Metadata of an org's IAM identity. The secret access key is in Vault only.
export const iamCredentials = pgTable('iam_credentials', {
  id: id(),
  orgId: orgId().unique(),
  iamUserName: text('iam_user_name').notNull(),
  iamUserArn: text('iam_user_arn'),
  policyName: text('policy_name').notNull(),
  policyArn: text('policy_arn'),
  accessKeyId: text('access_key_id'),
  accessKeyCreatedAt: timestamp('access_key_created_at'),
  accessKeyVerifiedAt: timestamp('access_key_verified_at'),
  vaultPath: text('vault_path').notNull(),
  vaultVersion: integer('vault_version'),
  // The key a rotation replaced, kept until every connected cluster holds the new one: the
  // access-key step never deletes it, and it is deleted once (then cleared) by the rotation gate.
  retiringAccessKeyId: text('retiring_access_key_id'),
  status: text('status', { enum: CREDENTIAL_STATUSES }).notNull().default('pending'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const provisioningSteps = pgTable(
  'provisioning_steps',
  {
    id: id(),
    orgId: orgId(),
    step: text('step').notNull(),
    status: text('status', { enum: STEP_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    // The last failure as the adapter that saw it classified it (server/cloud/), all null while
    // the step has not failed. Service and vendor code are null for Zonekeeper's own errors.
    errorService: text('error_service', { enum: CLOUD_SERVICES }),
    errorCode: text('error_code'),
    errorClass: text('error_class', { enum: ERROR_CLASSES }),
    errorRetryable: boolean('error_retryable'),
    // The failure's message, redacted and safe to show.
    lastError: text('last_error'),
    nextRetryAt: timestamp('next_retry_at'),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('provisioning_steps_org_step_uq').on(t.orgId, t.step)],
);

export const clusters = pgTable(
  'clusters',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    // ExternalDNS --txt-owner-id: unique across the platform and never reused.
    uid: text('uid').notNull().unique(),
    status: text('status', { enum: CLUSTER_STATUSES }).notNull().default('pending'),
    externalDnsPolicy: text('external_dns_policy', { enum: EXTERNAL_DNS_POLICIES })
      .notNull()
      .default('sync'),
    externalDnsState: text('external_dns_state', { enum: EXTERNAL_DNS_STATES })
      .notNull()
      .default('not-deployed'),
    // The cluster's ExternalDNS TXT registry flags (--txt-prefix, --txt-suffix,
    // --txt-wildcard-replacement): its registry records are read with them.
    txtPrefix: text('txt_prefix').notNull().default(''),
    txtSuffix: text('txt_suffix').notNull().default(''),
    txtWildcardReplacement: text('txt_wildcard_replacement').notNull().default(''),
    credentialsVaultVersion: integer('credentials_vault_version'),
    // How Zonekeeper reaches the cluster: through its kubeconfig (kept in Vault only; here its
    // path and version), or not at all ("manual": an admin applies the manifests).
    connectionKind: text('connection_kind', { enum: CLUSTER_CONNECTION_KINDS })
      .notNull()
      .default('manual'),
    kubeconfigVaultPath: text('kubeconfig_vault_path'),
    kubeconfigVaultVersion: integer('kubeconfig_vault_version'),
    // sha256 (hex) of the token the platform reports the cluster's status with; shown once.
    statusTokenHash: text('status_token_hash'),
    // The last delivery failure in words, and when the reconciler tries the cluster again.
    externalDnsError: text('external_dns_error'),
    externalDnsRetryAt: timestamp('external_dns_retry_at'),
    // The namespaces that receive the org's and the cluster's TLS Secrets (DNS labels).
    tlsNamespaces: jsonb('tls_namespaces')
      .$type<string[]>()
      .notNull()
      .default(sql`'["default"]'::jsonb`),
    lastSeenAt: timestamp('last_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at'),
    // The removal of a deleted cluster (server/clusters/remove-deleted-clusters.ts): its state,
    // how many of its records it found and deleted, its last failure in words and next retry,
    // and when it finished.
    removalState: text('removal_state', { enum: CLUSTER_REMOVAL_STATES }),
    removalRecordsFound: integer('removal_records_found'),
    removalRecordsDeleted: integer('removal_records_deleted').notNull().default(0),
    removalError: text('removal_error'),
    removalRetryAt: timestamp('removal_retry_at'),
    removedAt: timestamp('removed_at'),
  },
  (t) => [uniqueIndex('clusters_org_name_uq').on(t.orgId, t.name)],
);

// Records as last synced from Route 53, with the ExternalDNS ownership read from TXT records.
export const dnsRecords = pgTable(
  'dns_records',
  {
    id: id(),
    orgId: orgId(),
    hostedZoneId: text('hosted_zone_id')
      .notNull()
      .references(() => hostedZones.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').notNull(),
    setIdentifier: text('set_identifier').notNull().default(''),
    ttl: integer('ttl'),
    values: jsonb('values')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    // The target of an alias record (Route 53's AliasTarget.DNSName); its values are empty.
    aliasTarget: text('alias_target'),
    ownerId: text('owner_id'),
    resource: text('resource'),
    clusterId: text('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    ownership: text('ownership', { enum: RECORD_OWNERSHIPS }).notNull().default('unmanaged'),
    // Why the record has that ownership, in words (which owner, which cluster, which claims).
    ownershipReason: text('ownership_reason'),
    syncedAt: timestamp('synced_at').notNull(),
  },
  (t) => [
    uniqueIndex('dns_records_zone_name_type_set_uq').on(
      t.hostedZoneId,
      t.name,
      t.type,
      t.setIdentifier,
    ),
    index('dns_records_org_idx').on(t.orgId),
    // The hostname pages: an org's map in name order (and the CSV's keyset), its status counts
    // and filter, the cluster filter (and a cluster's removal); every org's view in name order
    // and by status.
    index('dns_records_org_name_idx').on(t.orgId, t.name, t.id),
    index('dns_records_org_ownership_idx').on(t.orgId, t.ownership),
    index('dns_records_cluster_idx').on(t.clusterId),
    index('dns_records_name_idx').on(t.name, t.id),
    index('dns_records_ownership_name_idx').on(t.ownership, t.name),
  ],
);

export const gcDecisions = pgTable(
  'gc_decisions',
  {
    id: id(),
    orgId: orgId(),
    hostedZoneId: text('hosted_zone_id')
      .notNull()
      .references(() => hostedZones.id, { onDelete: 'cascade' }),
    action: text('action', { enum: GC_ACTIONS }).notNull(),
    status: text('status', { enum: GC_STATUSES }).notNull().default('proposed'),
    reason: text('reason').notNull(),
    scheduledFor: timestamp('scheduled_for'),
    approvedBy: text('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at'),
    executedAt: timestamp('executed_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('gc_decisions_status_due_idx').on(t.status, t.scheduledFor),
    index('gc_decisions_org_idx').on(t.orgId),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    occurredAt: timestamp('occurred_at')
      .notNull()
      .$defaultFn(() => new Date()),
    actorType: text('actor_type', { enum: ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    // No foreign key: the trail must outlive the organization it describes.
    orgId: text('org_id'),
    action: text('action').notNull(),
    target: text('target').notNull(),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_org_time_idx').on(t.orgId, t.occurredAt)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by'),
});

// Leader election for the reconciler when several replicas share one database.
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  acquiredAt: timestamp('acquired_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

// An organization's private CA. Its certificate is public and kept here for download and for the
// chain; its private key (PKCS#8) is in Vault only, at vaultPath.
export const tlsAuthorities = pgTable('tls_authorities', {
  id: id(),
  orgId: orgId().unique(),
  keyAlgorithm: text('key_algorithm', { enum: TLS_KEY_ALGORITHMS }).notNull(),
  subject: text('subject').notNull(),
  serial: text('serial').notNull(),
  certificatePem: text('certificate_pem').notNull(),
  fingerprintSha256: text('fingerprint_sha256').notNull(),
  notBefore: timestamp('not_before').notNull(),
  notAfter: timestamp('not_after').notNull(),
  vaultPath: text('vault_path').notNull(),
  vaultVersion: integer('vault_version').notNull(),
  createdAt: createdAt(),
});

// Server certificates issued by an org's CA: the org zone's (clusterId null) and one per cluster.
// One active per scope; renewals supersede, a deleted cluster's is revoked. Keys in Vault only.
export const tlsCertificates = pgTable(
  'tls_certificates',
  {
    id: id(),
    orgId: orgId(),
    scope: text('scope', { enum: TLS_CERTIFICATE_SCOPES }).notNull(),
    clusterId: text('cluster_id').references(() => clusters.id, { onDelete: 'cascade' }),
    serial: text('serial').notNull(),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    dnsNames: jsonb('dns_names').$type<string[]>().notNull(),
    certificatePem: text('certificate_pem').notNull(),
    fingerprintSha256: text('fingerprint_sha256').notNull(),
    notBefore: timestamp('not_before').notNull(),
    notAfter: timestamp('not_after').notNull(),
    vaultPath: text('vault_path').notNull(),
    vaultVersion: integer('vault_version').notNull(),
    state: text('state', { enum: TLS_CERTIFICATE_STATES }).notNull().default('active'),
    revokedAt: timestamp('revoked_at'),
    // When its key was deleted from Vault: once no Secret holds it any more (or it was revoked).
    keyDeletedAt: timestamp('key_deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('tls_certificates_org_state_idx').on(t.orgId, t.state),
    uniqueIndex('tls_certificates_serial_uq').on(t.orgId, t.serial),
  ],
);

// One TLS Secret in one namespace of one cluster: which certificate it holds and since when, or
// why the last delivery failed and when the reconciler tries again.
export const tlsDeliveries = pgTable(
  'tls_deliveries',
  {
    id: id(),
    orgId: orgId(),
    clusterId: text('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    namespace: text('namespace').notNull(),
    secretName: text('secret_name').notNull(),
    scope: text('scope', { enum: TLS_CERTIFICATE_SCOPES }).notNull(),
    // The certificate the Secret holds now (null before the first delivery).
    certificateId: text('certificate_id').references(() => tlsCertificates.id, {
      onDelete: 'set null',
    }),
    state: text('state', { enum: TLS_DELIVERY_STATES }).notNull().default('pending'),
    lastError: text('last_error'),
    retryAt: timestamp('retry_at'),
    deliveredAt: timestamp('delivered_at'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tls_deliveries_target_uq').on(t.clusterId, t.namespace, t.secretName)],
);
