// Which org page a request for /orgs/[slug] gets: the live org through the caller's membership,
// or, for a platform operator, a deleted org's read-only history; anyone else the 404 page.
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Organization } from '@/db/rows';
import type { Caller } from '@/server/auth/caller';
import { getOrgForCaller, type OrgAccess } from '@/server/auth/get-org-for-caller';
import { getDeletedOrganization } from '@/server/orgs/get-deleted-organization';
import { getStore } from '@/server/store';
import { requireCaller } from './get-caller';

export type OrgPageAccess =
  | ({ kind: 'live'; caller: Caller } & OrgAccess)
  | { kind: 'deleted'; caller: Caller; org: Organization };

// Cached per request: the layout's title and the page ask the same question.
export const requireOrgPageAccess = cache(async (slug: string): Promise<OrgPageAccess> => {
  const caller = await requireCaller();
  const store = await getStore();
  const access = await getOrgForCaller(store, caller, slug);
  if (access) return { kind: 'live', caller, ...access };
  const deleted = await getDeletedOrganization(store, caller, slug);
  if (deleted) return { kind: 'deleted', caller, org: deleted };
  notFound();
});
