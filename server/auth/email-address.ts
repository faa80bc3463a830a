// How Zonekeeper compares email addresses. ASCII addresses are lower-cased with ASCII rules only:
// Unicode case folding maps look-alikes onto ASCII letters (U+212A KELVIN SIGN lower-cases to
// "k"), which would let "\u212Aim@x.test" pass for "kim@x.test". Non-ASCII addresses are kept
// exactly as given (not even NFC, which maps U+212A to "K") and never match an ASCII one.

const ASCII = /^[\x21-\x7e]+$/;

export function normalizeEmail(raw: string): string {
  const trimmed = raw.trim();
  return ASCII.test(trimmed) ? trimmed.replace(/[A-Z]/g, (c) => c.toLowerCase()) : trimmed;
}

export function isAsciiEmail(email: string): boolean {
  return ASCII.test(email);
}

/** Whether `email` is on `list`, comparing ASCII addresses only (see the note above). */
export function emailIsListed(email: string, list: readonly string[]): boolean {
  const address = normalizeEmail(email);
  if (!isAsciiEmail(address)) return false;
  return list.some((entry) => {
    const listed = normalizeEmail(entry);
    return isAsciiEmail(listed) && listed === address;
  });
}
