import { FormError, FormSuccess } from '@/components/ui/form-message';
import type { Result } from '@/server/errors/domain-error';

/** What an action answered, next to the control that sent it. */
export function ActionFeedback({
  state,
  success,
}: {
  state: Result<unknown> | null;
  success: string;
}) {
  if (!state) return null;
  if (state.ok) return <FormSuccess>{success}</FormSuccess>;
  if (state.error.fields) return null; // shown at the field instead
  return <FormError>{state.error.message}</FormError>;
}
