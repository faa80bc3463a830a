// Reads roles out of an identity provider's claims: the configured claim (e.g. `groups`) may be a
// list or a space/comma separated string, depending on the provider.
import type { MembershipRole } from '@/db/schema/enums';
import { emailIsListed } from './email-address';

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

export interface OperatorSettings {
  operatorEmails: string[];
  operatorGroups: string[];
}

/**
 * Whether the platform IdP's person is a platform operator. By email only when the provider
 * vouched for the address (`email_verified`): many providers let a person edit their email.
 */
export function isNamedOperator(
  person: { email: string; emailVerified: boolean; groups: readonly string[] },
  operators: OperatorSettings,
): boolean {
  return (
    (person.emailVerified && emailIsListed(person.email, operators.operatorEmails)) ||
    person.groups.some((g) => operators.operatorGroups.includes(g))
  );
}
