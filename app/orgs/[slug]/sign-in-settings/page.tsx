import type { Metadata } from 'next';
import { requireOrgForPage } from '@/app/_lib/get-caller';
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
    <div className="flex max-w-2xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          Sign-in settings · {org.displayName}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          People who sign in through this identity provider become members of {org.slug} only; those
          in the admin group become admins, everyone else viewers. Register Zonekeeper there with
          the redirect URI <span className="font-mono">{callbackUrl}</span>.
        </p>
      </div>
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
