// The header's one line on what the signed-in person is here, for every kind of person.
import type { MembershipRole } from '@/db/schema/enums';

export function roleLabel(person: {
  isPlatformOperator: boolean;
  memberships: { slug: string; role: MembershipRole }[];
}): string {
  if (person.isPlatformOperator) return 'platform operator';
  if (person.memberships.length === 0) return 'no organization yet';
  const [first, ...rest] = person.memberships;
  if (rest.length === 0) return `${first!.role} of ${first!.slug}`;
  const admins = person.memberships.filter((m) => m.role === 'admin').length;
  const count = person.memberships.length;
  if (admins === count) return `admin of ${count} organizations`;
  if (admins === 0) return `viewer of ${count} organizations`;
  return `admin of ${admins}, viewer of ${count - admins} organizations`;
}
