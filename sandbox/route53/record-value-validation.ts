// Checks record values the way Route 53 does for the common types, returning its batch message.
import { describeRecordSet, type ResourceRecordSet } from './record-set';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value) || (value.match(/::/g) ?? []).length > 1) return false;
  const groups = value.split(':');
  return (
    groups.length >= 3 && groups.length <= 8 && groups.every((g) => g.length <= 4 || IPV4.test(g))
  );
}

/** TXT/SPF values are one or more quoted character strings of at most 255 characters each. */
function isCharacterStrings(value: string): boolean {
  const strings = value.match(/"((?:[^"\\]|\\.)*)"/g);
  if (!strings || strings.join(' ').length !== value.trim().replace(/"\s+"/g, '" "').length)
    return false;
  return strings.every((s) => s.length - 2 <= 255);
}

export function recordValueProblem(set: ResourceRecordSet): string | undefined {
  const label = describeRecordSet(set);
  for (const value of set.values) {
    if (set.type === 'A' && !IPV4.test(value)) {
      return `ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}'`;
    }
    if (set.type === 'AAAA' && !isIpv6(value)) {
      return `AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}'`;
    }
    if ((set.type === 'TXT' || set.type === 'SPF') && !isCharacterStrings(value)) {
      return `Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '${value}'' for ${label}`;
    }
    if (value.length > 4000) return `Invalid Resource Record: value too long for ${label}`;
  }
  return undefined;
}
