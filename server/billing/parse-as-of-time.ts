// `?at=<ISO time>` on the cost and collector pages: "what if it were then", read-only. The same
// format as the CLI's --at; an empty value means now.
import { parseAtOption } from '../cli/parse-at-option';
import { DomainError } from '../errors/domain-error';

export function parseAsOfTime(raw: string | undefined, now: () => Date = () => new Date()): Date {
  if (raw === undefined || raw.trim() === '') return now();
  try {
    return parseAtOption(raw.trim(), now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(
      'invalid_input',
      `"${raw}" is not an ISO time; write it like 2026-12-31T23:00:00Z (a date alone means 00:00 UTC; a time needs Z or an offset such as +01:00).`,
    );
  }
}
