// Reads the value of a TXT record the way ExternalDNS v0.22 reads its registry labels.

const HERITAGE = 'external-dns';

export type RegistryValue =
  | {
      kind: 'registry';
      /** Every label ExternalDNS keeps, e.g. owner, resource. A Map: keys are untrusted text. */
      labels: ReadonlyMap<string, string>;
      owner: string | null;
      resource: string | null;
    }
  | { kind: 'ordinary'; reason: string };

/**
 * Parses the values of one TXT record set. Only the first value is read (ExternalDNS assumes a
 * registry record has one). From it: every leading and trailing `"` is removed (spaces are not),
 * the text is split on `,`, each token at its first `=`; a token without `=` is skipped. A
 * `heritage` token other than exactly `external-dns` anywhere, or none at all, makes the record an
 * ordinary TXT record. Keys starting with `external-dns` are kept with `external-dns/` removed
 * (as ExternalDNS does, a key such as `external-dnsx` is kept whole); any other key is dropped; a
 * repeated key keeps its last value. Never throws, whatever the input.
 */
export function parseRegistryValue(values: readonly string[]): RegistryValue {
  const first = values[0];
  if (first === undefined) return { kind: 'ordinary', reason: 'The TXT record has no value.' };
  const text = trimQuotes(first);
  const labels = new Map<string, string>();
  let heritageFound = false;
  for (const token of text.split(',')) {
    const equals = token.indexOf('=');
    if (equals < 0) continue;
    const key = token.slice(0, equals);
    const value = token.slice(equals + 1);
    if (key === 'heritage') {
      if (value !== HERITAGE) {
        return {
          kind: 'ordinary',
          reason: `Its heritage is "${value}", not "${HERITAGE}": not an ExternalDNS registry record.`,
        };
      }
      heritageFound = true;
      continue;
    }
    if (key.startsWith(HERITAGE)) {
      labels.set(key.startsWith(`${HERITAGE}/`) ? key.slice(HERITAGE.length + 1) : key, value);
    }
  }
  if (!heritageFound) {
    return {
      kind: 'ordinary',
      reason: `Its value has no "heritage=${HERITAGE}": not an ExternalDNS registry record.`,
    };
  }
  return {
    kind: 'registry',
    labels,
    owner: labels.get('owner') ?? null,
    resource: labels.get('resource') ?? null,
  };
}

/** The value ExternalDNS writes for these labels: heritage first, keys sorted, in quotes. */
export function serializeRegistryValue(labels: ReadonlyMap<string, string>): string {
  const keys = [...labels.keys()].sort(compareBytes);
  const tokens = [`heritage=${HERITAGE}`, ...keys.map((k) => `${HERITAGE}/${k}=${labels.get(k)}`)];
  return `"${tokens.join(',')}"`;
}

function trimQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 34) start++;
  while (end > start && text.charCodeAt(end - 1) === 34) end--;
  return text.slice(start, end);
}

// Go's sort.Strings orders by bytes; for the ASCII keys ExternalDNS writes that is code-unit order.
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
