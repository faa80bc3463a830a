// The sandbox ExternalDNS's own TXT registry: the name it writes a record's ownership under and
// the value it writes there, and the owner it reads back, as ExternalDNS v0.22's `registry/txt`
// does. It is deliberately independent of Zonekeeper's reader, so that reader can be tested
// against it.

export interface RegistryFlags {
  txtPrefix: string;
  txtSuffix: string;
  txtWildcardReplacement: string;
}

const RECORD_TYPE_TEMPLATE = '%{record_type}';

/**
 * `prefix + <type>- + first label + suffix + . + rest`; `%{record_type}` in the prefix or suffix
 * takes the place of `<type>-`. Names have no trailing dot.
 */
export function registryRecordName(
  dnsName: string,
  recordType: string,
  flags: RegistryFlags,
): string {
  const type = recordType.toLowerCase();
  const [first, ...rest] = dnsName.split('.');
  const templated =
    flags.txtPrefix.includes(RECORD_TYPE_TEMPLATE) ||
    flags.txtSuffix.includes(RECORD_TYPE_TEMPLATE);
  // ExternalDNS lower-cases its affixes (not the name) when it reads its flags.
  const prefix = flags.txtPrefix.toLowerCase().replaceAll(RECORD_TYPE_TEMPLATE, type);
  const suffix = flags.txtSuffix.toLowerCase().replaceAll(RECORD_TYPE_TEMPLATE, type);
  const replacement = flags.txtWildcardReplacement.toLowerCase();
  let label = first === '*' && replacement ? replacement : first;
  if (!templated) label = `${type}-${label}`;
  const head = `${prefix}${label}${suffix}`;
  return rest.length > 0 ? `${head}.${rest.join('.')}` : head;
}

/** `"heritage=external-dns,external-dns/<key>=<value>,..."`, keys sorted, quoted. */
export function registryRecordValue(labels: Readonly<Record<string, string>>): string {
  const pieces = Object.keys(labels)
    .sort()
    .map((key) => `external-dns/${key}=${labels[key]}`);
  return `"${['heritage=external-dns', ...pieces].join(',')}"`;
}

/** The labels of a registry value, or undefined for an ordinary TXT record. */
export function readRegistryValue(value: string): Record<string, string> | undefined {
  const unquoted = value.replace(/^"+/, '').replace(/"+$/, '');
  const labels: Record<string, string> = {};
  let heritage: boolean | undefined;
  for (const piece of unquoted.split(',')) {
    const equals = piece.indexOf('=');
    if (equals < 0) continue;
    const key = piece.slice(0, equals);
    const pieceValue = piece.slice(equals + 1);
    if (key === 'heritage') {
      if (pieceValue !== 'external-dns') return undefined;
      heritage = true;
    } else if (key.startsWith('external-dns/')) {
      labels[key.slice('external-dns/'.length)] = pieceValue;
    }
  }
  return heritage ? labels : undefined;
}
