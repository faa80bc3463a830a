// Words for each way a sign-in can fail: Auth.js error types and our own refusals.
export function explainSignInError(code: string, through: string): string {
  switch (code) {
    case 'no_email':
      return `Signing in through ${through} worked, but it did not share your email address with Zonekeeper, which needs it to know who you are. Ask its administrator to release the "email" claim.`;
    case 'email_taken':
      return `Your email address already signs in to Zonekeeper through another account of ${through}. Use that account, or ask a platform operator.`;
    case 'issuer_changed':
      return `Your account was created through a different identity provider than the one ${through} uses now, so Zonekeeper does not let the new one sign it in. Ask an admin of your organization: after a change of identity provider, members sign in again through the new one.`;
    case 'unknown_org':
    case 'unknown_provider':
      return `This sign-in method is not (or no longer) set up here. Start again from the sign-in page.`;
    case 'Configuration':
      return `Zonekeeper could not complete the sign-in with ${through}: it refused Zonekeeper's client credentials (a wrong client id or secret is the usual cause) or did not answer. An org admin can correct them under Sign-in settings; your platform operator finds the details in the server log under "sign-in failed".`;
    case 'AccessDenied':
      return `Signing in through ${through} was denied.`;
    default:
      return `Signing in through ${through} did not complete (${code || 'no reason given'}). Start again from the sign-in page.`;
  }
}
