// Auth.js provider ids: `platform` for the platform IdP, `org-<slug>` for an org's own IdP.
export const PLATFORM_PROVIDER_ID = 'platform';
const ORG_PREFIX = 'org-';

export function providerIdForOrg(slug: string): string {
  return `${ORG_PREFIX}${slug}`;
}

/** The org slug an `org-<slug>` provider id names; null for the platform or anything else. */
export function orgSlugOfProvider(providerId: string): string | null {
  return providerId.startsWith(ORG_PREFIX) ? providerId.slice(ORG_PREFIX.length) || null : null;
}
