// Zod issues as the per-field messages a form shows next to each input.
import type { z } from 'zod';
import type { FieldErrors } from './domain-error';

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
