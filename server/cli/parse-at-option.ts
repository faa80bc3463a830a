// `--at <ISO time>`: the moment a read-only command answers for ("what if it were then").
import { DomainError } from '../errors/domain-error';

// A date, or a date and time with a zone: billing is in UTC, so a time without one is ambiguous.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function parseAtOption(raw: string | undefined, now: () => Date = () => new Date()): Date {
  if (raw === undefined) return now();
  const at = new Date(raw);
  if (!ISO_TIME.test(raw) || Number.isNaN(at.getTime())) {
    throw new DomainError(
      'invalid_input',
      `--at "${raw}" is not an ISO time; write it like 2026-12-31T23:00:00Z (a date alone means 00:00 UTC; a time needs Z or an offset such as +01:00).`,
    );
  }
  return at;
}
