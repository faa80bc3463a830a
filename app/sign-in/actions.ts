'use server';

import { AuthError } from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import { signInWith, signOut } from '@/auth';
import { explainIssuerProblem } from '@/server/auth/check-issuer';
import { PLATFORM_PROVIDER_ID, providerIdForOrg } from '@/server/auth/identity-provider-ids';
import { findOrgIdentityProviderBySlug } from '@/server/auth/org-identity-provider';
import { issuerNetworkPolicy, sharedIssuerFetch } from '@/server/auth/shared-issuer-fetch';
import { getConfig } from '@/server/config/config';
import { logger } from '@/server/log/logger';
import { getStore } from '@/server/store';
import { safeCallbackUrl } from './safe-callback-url';
import type { SignInFormState } from './sign-in-form-state';

export async function signInWithOrganizationAction(
  _previous: SignInFormState,
  formData: FormData,
): Promise<SignInFormState> {
  const organization = String(formData.get('organization') ?? '')
    .trim()
    .toLowerCase();
  if (organization === '') return { error: 'Enter the name of your organization, e.g. acme.' };
  const found = await findOrgIdentityProviderBySlug(await getStore(), organization);
  if (!found) {
    // Same answer for an unknown org and one without its own provider: names cannot be probed.
    return {
      organization,
      error: `No organization "${organization}" signs in with its own identity provider here. Check the name, or use the platform sign-in.`,
    };
  }
  // Anyone may submit this form: the answer names neither the org nor its issuer, and the
  // discovery request behind it comes from a short-lived cache, not one per submission.
  if (
    await explainIssuerProblem(found.provider.issuer, issuerNetworkPolicy(), sharedIssuerFetch())
  ) {
    return {
      organization,
      error: `The sign-in of "${organization}" is unavailable right now: its identity provider does not answer as it should. An admin of ${organization} can check it under Sign-in settings; platform operators can still use the platform sign-in.`,
    };
  }
  return startSignIn(providerIdForOrg(organization), formData, organization);
}

export async function signInWithPlatformAction(
  _previous: SignInFormState,
  formData: FormData,
): Promise<SignInFormState> {
  const { ZK_PLATFORM_OIDC_ISSUER: issuer } = getConfig();
  if (!issuer) return { error: 'This installation has no platform sign-in configured.' };
  // The platform issuer is the operator's own setting, so loopback is as acceptable as the
  // operator made it; it is not an org admin's input.
  const issuerProblem = await explainIssuerProblem(issuer, { allowLoopback: true }, fetch);
  if (issuerProblem) return { error: `The platform sign-in is unavailable: ${issuerProblem}` };
  return startSignIn(PLATFORM_PROVIDER_ID, formData);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}

async function startSignIn(
  providerId: string,
  formData: FormData,
  organization?: string,
): Promise<SignInFormState> {
  try {
    return await signInWith(
      providerId,
      safeCallbackUrl(formData.get('callbackUrl')),
      demoLoginHint(formData, organization),
    );
  } catch (error) {
    unstable_rethrow(error); // the redirect to the identity provider
    logger.error('cannot start sign-in', { provider: providerId, error });
    const reason =
      error instanceof AuthError ? error.type : 'an unexpected error (see the server log)';
    return { organization, error: `Sign-in could not start (${reason}). Try again in a moment.` };
  }
}

// Only the hint of a listed demo person of this very org (or the platform) is passed on: the
// form is anonymous, and nothing else it sends reaches the identity provider.
function demoLoginHint(
  formData: FormData,
  organization: string | undefined,
): Record<string, string> | undefined {
  const hint = formData.get('loginHint');
  if (typeof hint !== 'string' || hint === '') return undefined;
  const listed = getConfig().ZK_SIGN_IN_DEMO_PEOPLE.some(
    (person) => person.loginHint === hint && person.org === organization,
  );
  return listed ? { login_hint: hint } : undefined;
}
