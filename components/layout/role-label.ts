// The header's one line on what the signed-in person is here, for every kind of person.
import type { MembershipRole } from '@/server/auth/permissions';

export function roleLabel(person: {
  isPlatformOperator: boolean;
  memberships: { slug: string; role: MembershipRole }[];
}): string {
  if (person.isPlatformOperator) return 'platform operator';
  if (person.memberships.length === 0) return 'no organization yet';
  // Two fit the header by name; more are counted.
  if (person.memberships.length <= 2) {
    return person.memberships.map((m) => `${m.role} of ${m.slug}`).join(', ');
  }
  const count = person.memberships.length;
  const admins = person.memberships.filter((m) => m.role === 'admin').length;
  if (admins === count) return `admin of ${count} organizations`;
  if (admins === 0) return `viewer of ${count} organizations`;
  return `admin of ${admins} and viewer of ${count - admins} organizations`;
}
