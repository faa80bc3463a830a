// One CSV line per record, quoted as RFC 4180 says, with cells a spreadsheet would run as a
// formula (starting with = + - @, or a tab or carriage return) neutralized by a leading quote.
import type { HostnameRow } from './search-hostnames';

export const HOSTNAME_CSV_HEADER = [
  'org',
  'hostname',
  'type',
  'set_identifier',
  'targets',
  'ttl',
  'status',
  'reason',
  'owner_id',
  'cluster',
  'resource',
  'synced_at',
] as const;

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function hostnameCsvLine(row: HostnameRow): string {
  return csvLine([
    row.orgSlug,
    row.name,
    row.type,
    row.setIdentifier,
    row.targets.join(' '),
    row.ttl === null ? '' : String(row.ttl),
    row.status,
    row.reason ?? '',
    row.ownerId ?? '',
    row.cluster ?? '',
    row.resource ?? '',
    row.syncedAt.toISOString(),
  ]);
}
