// Which org page a request for /orgs/[slug] gets: the live org through the caller's membership,
// or, for a platform operator, a deleted org's read-only history; anyone else the 404 page.
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Organization } from '@/db/rows';
import type { Caller } from '@/server/auth/caller';
import type { OrgAccess } from '@/server/auth/get-org-for-caller';
import { getDeletedOrganization } from '@/server/orgs/get-deleted-organization';
import { getStore } from '@/server/store';
import { getOrgForRequest, requireCaller } from './get-caller';

export type OrgPageAccess =
  | ({ kind: 'live'; caller: Caller } & OrgAccess)
  | { kind: 'deleted'; caller: Caller; org: Organization };

// Cached per request, as the org lookup under it is: a page may ask more than once.
export const requireOrgPageAccess = cache(async (slug: string): Promise<OrgPageAccess> => {
  const caller = await requireCaller();
  const access = await getOrgForRequest(slug);
  if (access) return { kind: 'live', ...access };
  const deleted = await getDeletedOrganization(await getStore(), caller, slug);
  if (deleted) return { kind: 'deleted', caller, org: deleted };
  notFound();
});
