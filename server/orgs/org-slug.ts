// The rules for an organization's slug: one DNS label that, under the base domain, names its zone
// (docs/design.md, "Names").

import { MAX_DOMAIN_NAME_LENGTH, MAX_LABEL_LENGTH } from './slug-limits';

export { MAX_DISPLAY_NAME_LENGTH, MAX_DOMAIN_NAME_LENGTH, MAX_LABEL_LENGTH } from './slug-limits';

// Letters, digits and inner hyphens, at most 63; never hyphens at positions 3 and 4, which DNS
// reserves for encoded labels ("xn--" is an internationalized name in punycode, RFC 5890).
export const SLUG_PATTERN = /^(?!..--)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function zoneNameFor(slug: string, baseDomain: string): string {
  return `${slug}.${baseDomain}`;
}

/**
 * Why `slug` cannot name a zone under `baseDomain`, in words that say how to fix it; null when it
 * can. One message: the first problem a person should fix.
 */
export function explainSlugProblem(slug: string, baseDomain: string): string | null {
  if (slug.length === 0) return 'Enter a slug: one DNS label such as "acme" or "acme-corp".';
  const foreign = [...slug].find((c) => !/[a-zA-Z0-9 _-]/.test(c));
  if (foreign !== undefined) {
    const nearest = suggestSlug(slug);
    return `"${foreign}" cannot appear in a DNS label. Use only a–z, 0–9 and hyphens${nearest ? `, e.g. "${nearest}"` : ''}.`;
  }
  if (/[A-Z]/.test(slug)) {
    return `Use lower-case letters only (DNS labels here are lower-case): try "${suggestSlug(slug)}".`;
  }
  if (/\s/.test(slug)) {
    return `Spaces are not allowed in a DNS label; use hyphens instead: "${suggestSlug(slug)}".`;
  }
  if (slug.includes('_')) {
    return `Underscores are not allowed in a host name; use hyphens instead: "${suggestSlug(slug)}".`;
  }
  if (slug.length > MAX_LABEL_LENGTH) {
    return `A slug is at most ${MAX_LABEL_LENGTH} characters (one DNS label); this one has ${slug.length}. Shorten it.`;
  }
  if (slug.startsWith('-') || slug.endsWith('-')) {
    return 'A slug cannot start or end with a hyphen. Remove the hyphen at the edge.';
  }
  if (slug.startsWith('xn--')) {
    return 'A slug cannot start with "xn--": DNS reads such a label as an internationalized name in punycode, so the zone would be shown as another name. Choose a plain label.';
  }
  if (slug.slice(2, 4) === '--') {
    return 'A slug cannot have hyphens as its 3rd and 4th characters: DNS reserves such labels for encoded names (like "xn--"). Move or remove those hyphens.';
  }
  const zoneName = zoneNameFor(slug, baseDomain);
  if (zoneName.length > MAX_DOMAIN_NAME_LENGTH) {
    return `The zone name would be ${zoneName.length} characters long and DNS allows ${MAX_DOMAIN_NAME_LENGTH}. Choose a slug of at most ${MAX_DOMAIN_NAME_LENGTH - baseDomain.length - 1} characters.`;
  }
  return SLUG_PATTERN.test(slug) ? null : 'Use only a–z, 0–9 and hyphens.';
}

/**
 * The slug a display name normalizes to, when it does so cleanly: lower-cased, with runs of
 * spaces, underscores and dots turned into one hyphen. Anything else (accents, symbols) is not
 * guessed at: explainSlugProblem then says what to change.
 */
export function slugFromDisplayName(displayName: string): string {
  return displayName
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, '-');
}

/**
 * The nearest valid slug a person probably meant, or '' when there is none: a hint for messages
 * and forms, never a guess that would itself be refused.
 */
export function suggestSlug(slug: string): string {
  return slug
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\s_.]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, MAX_LABEL_LENGTH)
    .replace(/-$/, '');
}
