// The operators' platform pages (cost, collector): anyone else gets the 404 page, as for a page
// that does not exist, so the pages are not advertised to org members.
import { notFound } from 'next/navigation';
import { requireCaller } from '@/app/_lib/get-caller';
import { platformRoleOf, type Caller } from '@/server/auth/caller';
import { roleHas, type Permission } from '@/server/auth/permissions';

export async function requireOperatorPage(permission: Permission): Promise<Caller> {
  const caller = await requireCaller();
  if (!roleHas(platformRoleOf(caller), permission)) notFound();
  return caller;
}
