import type { Metadata } from 'next';
import Link from 'next/link';
import { orgSlugOfProvider } from '@/server/auth/identity-provider-ids';
import { explainSignInError } from './explain-sign-in-error';

export const metadata: Metadata = { title: 'Sign-in failed' };

export default async function SignInErrorPage({
  params,
  searchParams,
}: {
  params: Promise<{ provider: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { provider } = await params;
  const { error } = await searchParams;
  const slug = orgSlugOfProvider(provider);
  const through = slug ? `the identity provider of "${slug}"` : 'the platform identity provider';
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign-in failed</h1>
      <p role="alert" className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-800">
        {explainSignInError(typeof error === 'string' ? error : '', through)}
      </p>
      <Link href="/sign-in" className="text-sm font-medium text-indigo-600 hover:underline">
        Back to sign-in
      </Link>
    </div>
  );
}
