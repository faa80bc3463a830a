import type { Metadata } from 'next';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { PageHeader } from '@/components/layout/page-header';
import { Identifier } from '@/components/ui/identifier';
import { findOrgIdentityProvider } from '@/server/auth/org-identity-provider';
import { roleHas } from '@/server/auth/permissions';
import { getConfig } from '@/server/config/config';
import { getStore } from '@/server/store';
import { IdentityProviderForm } from './identity-provider-form';

export const metadata: Metadata = { title: 'Sign-in settings' };

export default async function SignInSettingsPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { org, role } = await requireOrgForPage(slug);
  const provider = await findOrgIdentityProvider(await getStore(), org.id);
  const current = provider ? { issuer: provider.issuer, clientId: provider.clientId } : null;
  const callbackUrl = `${getConfig().AUTH_URL ?? ''}/api/auth/callback/org-${org.slug}`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[
          { label: 'Organizations', href: '/orgs' },
          { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
          { label: 'Sign-in settings' },
        ]}
        title={`Sign-in settings · ${org.displayName}`}
        description={
          <>
            People who sign in through this identity provider become members of {org.slug} only;
            those in the admin group become admins, everyone else viewers. Register Zonekeeper there
            with the redirect URI <Identifier value={callbackUrl} />.
          </>
        }
      />
      {roleHas(role, 'idp.manage') ? (
        <IdentityProviderForm orgSlug={org.slug} current={current} />
      ) : (
        <dl
          data-testid="identity-provider-summary"
          className="rounded-xl border border-slate-200 bg-white p-6 text-sm"
        >
          <dt className="font-medium text-slate-900">Issuer</dt>
          <dd className="mb-3 font-mono text-slate-600">{current?.issuer ?? 'not set'}</dd>
          <dt className="font-medium text-slate-900">Client id</dt>
          <dd className="font-mono text-slate-600">{current?.clientId ?? 'not set'}</dd>
          <p className="mt-4 text-slate-500">Only admins of {org.slug} can change these.</p>
        </dl>
      )}
    </div>
  );
}
