// Reads roles out of an identity provider's claims: the configured claim (e.g. `groups`) may be a
// list or a space/comma separated string, depending on the provider.
import type { MembershipRole } from '@/db/schema/enums';

export interface RoleClaimSettings {
  roleClaim: string;
  adminGroup: string;
}

export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v !== '');
  return [];
}

export function roleFromClaims(
  claims: Record<string, unknown>,
  settings: RoleClaimSettings,
): MembershipRole {
  return groupsFromClaims(claims, settings.roleClaim).includes(settings.adminGroup)
    ? 'admin'
    : 'viewer';
}

export function isNamedOperator(
  email: string,
  groups: string[],
  operators: { emails: string[]; groups: string[] },
): boolean {
  const lowered = email.toLowerCase();
  return (
    operators.emails.some((e) => e.toLowerCase() === lowered) ||
    groups.some((g) => operators.groups.includes(g))
  );
}
