import type { Metadata } from 'next';
import { OrgHostnamePage } from '@/app/orgs/[slug]/hostnames/org-hostname-page';
import type { RawSearchParams } from '@/server/hostnames/hostname-query';

export const metadata: Metadata = { title: 'Cluster hostnames' };

export default async function ClusterHostnamesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; name: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { slug, name } = await params;
  return <OrgHostnamePage slug={slug} clusterName={name} searchParams={await searchParams} />;
}
