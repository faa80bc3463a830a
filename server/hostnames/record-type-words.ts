// The record types ExternalDNS v0.22 knows by name in its TXT registry, and those its AWS provider reads.

/**
 * Type words in the order ExternalDNS tries them when it reads a registry name. The order matters:
 * with a `%{record_type}` affix and no separator, "aaaa…" is read as "a" because A is tried first.
 */
export const REGISTRY_TYPE_WORDS = [
  'a',
  'aaaa',
  'cname',
  'ns',
  'mx',
  'ptr',
  'srv',
  'naptr',
  'txt',
  'dname',
] as const;
export type RegistryTypeWord = (typeof REGISTRY_TYPE_WORDS)[number];

/**
 * Record types the AWS provider lists at all; any other type (SOA, CAA, PTR, HTTPS…) never reaches
 * the registry, so ExternalDNS neither owns nor touches it.
 */
export const AWS_PROVIDER_RECORD_TYPES: ReadonlySet<string> = new Set([
  'A',
  'AAAA',
  'CNAME',
  'DNAME',
  'SRV',
  'TXT',
  'NS',
  'MX',
  'NAPTR',
]);
