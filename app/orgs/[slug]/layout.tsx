import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getCaller, getOrgForRequest } from '@/app/_lib/get-caller';
import { getDeletedOrganization } from '@/server/orgs/get-deleted-organization';
import { getStore } from '@/server/store';

// Every page below an org's own is titled "<page> · <org> · Zonekeeper", so a tab says where it
// is (the org page sets its own title). Nothing about an org the caller cannot see.
export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  const { slug } = await params;
  const caller = await getCaller();
  if (!caller) return {};
  // The same lookup as the page's (cached for the request): one query for both.
  const org =
    (await getOrgForRequest(slug))?.org ??
    (await getDeletedOrganization(await getStore(), caller, slug));
  if (!org) return {};
  return {
    title: { default: org.displayName, template: `%s · ${org.displayName} · Zonekeeper` },
  };
}

export default function OrgLayout({ children }: { children: ReactNode }) {
  return children;
}
