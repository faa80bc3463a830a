// Where to go after sign-in: only a path on this site, never another origin (open redirect).
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/orgs';
  if (value.startsWith('/sign-in')) return '/orgs';
  return value;
}
