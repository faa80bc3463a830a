// What each role may do, as data. Every server action checks one of these permissions on its
// first line (through app/_lib/org-action.ts) and the UI asks `can` to hide or disable controls.
//
// Usage:  can(caller, 'credentials.rotate', role)  // role = the caller's role in the org at hand
import type { MembershipRole } from '@/db/schema/enums';

export const PERMISSIONS = [
  'orgs.read',
  'orgs.create',
  'orgs.delete',
  'clusters.read',
  'clusters.write',
  'credentials.rotate',
  // Deleting a rotated-out key that clusters still run on: platform operators only.
  'credentials.force_retire',
  'provisioning.retry',
  'gc.approve',
  // What every zone costs, platform-wide: the Cost page and its CSV.
  'cost.read',
  // An org admin asks the operators to pin the org's zone (never collected).
  'gc.request_pin',
  'idp.manage',
  'members.manage',
  'audit.read',
  // The hostname map: reading it, syncing it on demand, deleting orphan records after a preview.
  'records.read',
  'records.sync',
  'records.delete_orphans',
  // The platform-wide hostname map across every org.
  'records.read_platform',
  // "Renew now" of the org's TLS certificates; everyone who reads the org reads them.
  'tls.renew',
  // ARNs with the platform's AWS account id in them; viewers see them masked.
  'identity.read_account',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** A person's role with respect to one organization; platform operators hold it everywhere. */
export type { MembershipRole };
export type Role = 'platform-operator' | MembershipRole;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  'platform-operator': PERMISSIONS,
  admin: [
    'orgs.read',
    'clusters.read',
    'clusters.write',
    'credentials.rotate',
    'provisioning.retry',
    'gc.request_pin',
    'idp.manage',
    'members.manage',
    'audit.read',
    'tls.renew',
    'identity.read_account',
    'records.read',
    'records.sync',
    'records.delete_orphans',
  ],
  // Viewers read the org, its member list included; invitations and removals are for admins.
  viewer: ['orgs.read', 'clusters.read', 'records.read'],
};

/** Permissions that concern the whole platform, not one organization (no org to load first). */
export const PLATFORM_PERMISSIONS: readonly Permission[] = [
  'orgs.create',
  'gc.approve',
  'cost.read',
  'records.read_platform',
];

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
