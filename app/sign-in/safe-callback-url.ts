// Where to go after sign-in: only a path on this site, never another origin (open redirect).
// Browsers read a backslash as a slash and drop tabs and newlines inside URLs, so "/\evil.test"
// and "/\t/evil.test" mean //evil.test to them: such values are refused outright, and what is
// left must resolve to this origin.
const HERE = 'http://zonekeeper.invalid';
const FALLBACK = '/orgs';

export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
    return FALLBACK;
  if ([...value].some(unsafeInUrl)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(value, HERE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== HERE || url.pathname.startsWith('/sign-in')) return FALLBACK;
  return `${url.pathname}${url.search}${url.hash}`;
}

function unsafeInUrl(character: string): boolean {
  const code = character.charCodeAt(0);
  return character === '\\' || code <= 0x20 || code === 0x7f;
}
