// The rules for a cluster's name: one DNS label that, under its org's zone, names the cluster's
// domain `<cluster>.<org>.<base-domain>` (docs/design.md, "Names").
import {
  MAX_DOMAIN_NAME_LENGTH,
  MAX_LABEL_LENGTH,
  SLUG_PATTERN,
  zoneNameFor,
} from '../orgs/org-slug';

export function clusterDomainFor(name: string, orgSlug: string, baseDomain: string): string {
  return `${name}.${zoneNameFor(orgSlug, baseDomain)}`;
}

/** Why `name` cannot name a cluster of the org, in words that say how to fix it; null when it can. */
export function explainClusterNameProblem(
  name: string,
  orgSlug: string,
  baseDomain: string,
): string | null {
  if (name.length === 0) return 'Enter a cluster name: one DNS label such as "prod" or "eu-west".';
  if (/[A-Z]/.test(name)) {
    return `Use lower-case letters only (DNS labels here are lower-case): try "${name.toLowerCase()}".`;
  }
  if (/[\s_.]/.test(name)) {
    return `A cluster name is one DNS label: replace spaces, dots and underscores with hyphens, e.g. "${name.replace(/[\s_.]+/g, '-')}".`;
  }
  const foreign = [...name].find((c) => !/[a-z0-9-]/.test(c));
  if (foreign !== undefined) {
    return `"${foreign}" cannot appear in a DNS label. Use only a–z, 0–9 and hyphens.`;
  }
  if (name.length > MAX_LABEL_LENGTH) {
    return `A cluster name is at most ${MAX_LABEL_LENGTH} characters (one DNS label); this one has ${name.length}. Shorten it.`;
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    return 'A cluster name cannot start or end with a hyphen. Remove the hyphen at the edge.';
  }
  const domain = clusterDomainFor(name, orgSlug, baseDomain);
  if (domain.length > MAX_DOMAIN_NAME_LENGTH) {
    return `The cluster domain ${domain} would be ${domain.length} characters long and DNS allows ${MAX_DOMAIN_NAME_LENGTH}. Choose a name of at most ${MAX_DOMAIN_NAME_LENGTH - zoneNameFor(orgSlug, baseDomain).length - 1} characters.`;
  }
  return SLUG_PATTERN.test(name) ? null : 'Use only a–z, 0–9 and hyphens.';
}
