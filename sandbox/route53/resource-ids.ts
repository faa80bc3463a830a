// Identifiers shaped like Route 53's: zone ids "Z" + uppercase alphanumerics, change ids "C" + the same.
import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return text;
}

export const newHostedZoneId = () => `Z${randomAlphanumeric(20)}`;
export const newChangeId = () => `C${randomAlphanumeric(20)}`;

/** Accepts "Z123" and "/hostedzone/Z123" as AWS does; undefined when the id cannot be one. */
export function parseHostedZoneId(raw: string): string | undefined {
  const id = raw.replace(/^\/hostedzone\//, '');
  return /^Z[A-Z0-9]{1,32}$/.test(id) ? id : undefined;
}

export function parseChangeId(raw: string): string | undefined {
  const id = raw.replace(/^\/change\//, '');
  return /^[A-Z0-9]{1,32}$/.test(id) ? id : undefined;
}

/**
 * Four name servers in four TLDs, like a Route 53 delegation set: ns-N.awsdns-NN.com/.net/.org/.co.uk,
 * where each TLD owns a quarter of the ns-N range.
 */
export function newDelegationSet(): string[] {
  return ['com', 'net', 'org', 'co.uk'].map((tld, i) => {
    const server = i * 512 + randomInt(512);
    const group = String(randomInt(64)).padStart(2, '0');
    return `ns-${server}.awsdns-${group}.${tld}`;
  });
}
