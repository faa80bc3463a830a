import type { Result } from '@/server/errors/domain-error';

// What the create-organization action hands back to its form: the outcome, and on failure the
// values to show again (neither field is secret).
export interface CreateOrgFormState {
  result?: Result<{ slug: string; displayName: string }>;
  submitted?: { displayName: string; slug: string };
}
