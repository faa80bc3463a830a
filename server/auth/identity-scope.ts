// Which identity provider vouches for a user: the platform's, or one organization's own. An
// email is unique within one scope only (users_scope_email_uq), so an org IdP asserting an
// address makes a user of that org and never reaches the platform's user of the same address.
export const PLATFORM_IDENTITY_SCOPE = 'platform';

export function orgIdentityScope(orgId: string): string {
  return `org:${orgId}`;
}
