// A record name as Route 53 lists it, turned into the name ExternalDNS compares.

/**
 * Route 53 returns names with a trailing dot and every character outside a–z, 0–9, `-`, `_`, `.`
 * as a `\ooo` octal escape (a wildcard `*` as `\052`). ExternalDNS's AWS provider decodes the
 * escapes and drops the trailing dot; DNS names compare without regard to case, so we also
 * lower-case. Escapes are bytes: `\303\251` is "é". A backslash not followed by three octal
 * digits is kept as it is. Never throws.
 */
export function decodeRoute53Name(listedName: string): string {
  const trimmed = listedName.endsWith('.') ? listedName.slice(0, -1) : listedName;
  if (!trimmed.includes('\\')) return trimmed.toLowerCase();
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < trimmed.length; i++) {
    const escape = /^\\([0-3][0-7]{2})/.exec(trimmed.slice(i, i + 4));
    if (escape?.[1] !== undefined) {
      bytes.push(parseInt(escape[1], 8));
      i += 3;
      continue;
    }
    const codePoint = trimmed.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    bytes.push(...encoder.encode(char));
    i += char.length - 1;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes)).toLowerCase();
}
