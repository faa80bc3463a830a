// DNS names as Route 53 stores them: lower-case, trailing dot, special characters as \ooo octal escapes.

const MAX_NAME_LENGTH = 255;
const MAX_LABEL_LENGTH = 63;

/**
 * Normalises a name the way Route 53 echoes it back, or returns undefined when it is not a
 * usable DNS name (empty label, label over 63 octets, name over 255 octets).
 */
export function normalizeDnsName(input: string): string | undefined {
  const trimmed = input.endsWith('.') ? input.slice(0, -1) : input;
  if (trimmed.length === 0) return undefined;
  const lower = trimmed.toLowerCase();
  // Fast path: plain host names need no escaping (the overwhelmingly common case).
  if (/^[a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*$/.test(lower)) {
    return lower.length + 1 > MAX_NAME_LENGTH ? undefined : `${lower}.`;
  }
  let normalized = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charAt(i).toLowerCase();
    if (/[a-z0-9._-]/.test(c)) normalized += c;
    else if (c === '\\' && /^\\[0-7]{3}/.test(trimmed.slice(i, i + 4))) {
      normalized += trimmed.slice(i, i + 4);
      i += 3;
    } else {
      const code = c.charCodeAt(0);
      if (code < 0x21 || code > 0x7e) return undefined;
      normalized += `\\${code.toString(8).padStart(3, '0')}`;
    }
  }
  const labels = normalized.split('.');
  if (labels.some((label) => label.length === 0 || unescapedLength(label) > MAX_LABEL_LENGTH)) {
    return undefined;
  }
  if (unescapedLength(normalized) + 1 > MAX_NAME_LENGTH) return undefined;
  return `${normalized}.`;
}

function unescapedLength(text: string): number {
  return text.replace(/\\[0-7]{3}/g, 'x').length;
}

/** A hosted zone name: a normal DNS name of at least two labels without wildcards. */
export function isValidZoneName(normalized: string): boolean {
  return normalized.split('.').length >= 3 && !normalized.includes('\\');
}

export function isWithinZone(recordName: string, zoneName: string): boolean {
  return recordName === zoneName || recordName.endsWith(`.${zoneName}`);
}

/** AWS lists by name with its labels reversed ("www.example.com." sorts as "com.example.www"). */
export function reversedLabelKey(name: string): string {
  return name.slice(0, -1).split('.').reverse().join('.');
}
