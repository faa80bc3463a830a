import type { Metadata } from 'next';
import type { RawSearchParams } from '@/server/hostnames/hostname-query';
import { OrgHostnamePage } from './org-hostname-page';

export const metadata: Metadata = { title: 'Hostnames' };

export default async function HostnamesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  return <OrgHostnamePage slug={(await params).slug} searchParams={await searchParams} />;
}
