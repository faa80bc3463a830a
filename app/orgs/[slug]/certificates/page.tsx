import type { Metadata } from 'next';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { PageHeader } from '@/components/layout/page-header';
import { CaCard } from '@/components/tls/ca-card';
import { CertificateCard } from '@/components/tls/certificate-card';
import { RenewButton } from '@/components/tls/renew-button';
import { roleHas } from '@/server/auth/permissions';
import { getStore } from '@/server/store';
import { listCertificates } from '@/server/tls/list-certificates';

export const metadata: Metadata = { title: 'Certificates' };

export default async function CertificatesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Through the caller's membership: another org's certificates are the same 404 as a missing org.
  const { org, role } = await requireOrgForPage(slug);
  const mayRenew = roleHas(role, 'tls.renew');
  const view = await listCertificates(await getStore(), org);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[
          { label: 'Organizations', href: '/orgs' },
          { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
          { label: 'Certificates' },
        ]}
        title={`Certificates · ${org.displayName}`}
        description={`${org.slug}'s private CA and the server certificates it issues for the zone and each cluster, renewed at two thirds of their lifetime and delivered to connected clusters as TLS Secrets.`}
        aside={mayRenew && view.authority ? <RenewButton orgSlug={org.slug} /> : undefined}
      />
      <CaCard orgSlug={org.slug} authority={view.authority} />
      {view.certificates.map((certificate) => (
        <CertificateCard
          key={`${certificate.scope}-${certificate.target}-${certificate.serial}`}
          orgSlug={org.slug}
          certificate={certificate}
          mayRenew={mayRenew}
        />
      ))}
      {!mayRenew && (
        <p
          data-testid="certificates-read-only"
          className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600"
        >
          Only admins of {org.slug} and platform operators can renew certificates.
        </p>
      )}
    </div>
  );
}
