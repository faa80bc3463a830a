import type { Metadata } from 'next';
import { getConfig } from '@/server/config/config';
import { safeCallbackUrl } from './safe-callback-url';
import { DemoPeopleList, OrganizationSignInForm, PlatformSignInForm } from './sign-in-forms';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const config = getConfig();
  const demoPeople = config.ZK_SIGN_IN_DEMO_PEOPLE;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
        <p className="mt-1 text-sm text-slate-500">
          Org admins and members sign in through their organization&apos;s identity provider;
          platform operators and people invited by email through the platform&apos;s.
        </p>
      </div>
      {params.signedOut && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          You are signed out.
        </p>
      )}
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <OrganizationSignInForm callbackUrl={callbackUrl} />
      </section>
      {config.ZK_PLATFORM_OIDC_ISSUER && (
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="mb-3 text-sm font-medium text-slate-900">
            Platform operators and invited people
          </h2>
          <PlatformSignInForm callbackUrl={callbackUrl} />
        </section>
      )}
      {demoPeople.length > 0 && (
        <section
          aria-labelledby="demo-people-title"
          className="rounded-xl border border-dashed border-amber-300 bg-amber-50/50 p-6"
        >
          <h2 id="demo-people-title" className="text-sm font-medium text-slate-900">
            Demo people
          </h2>
          <p className="mb-3 mt-1 text-xs text-slate-500">
            This installation lists people of its demo identity providers. Pick one to sign in as
            them with one click.
          </p>
          <DemoPeopleList people={demoPeople} callbackUrl={callbackUrl} />
        </section>
      )}
    </div>
  );
}
