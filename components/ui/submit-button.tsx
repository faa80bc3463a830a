import type { ButtonHTMLAttributes } from 'react';

const TONES = {
  primary: 'bg-indigo-600 hover:bg-indigo-500 focus-visible:ring-indigo-400',
  danger: 'bg-red-600 hover:bg-red-500 focus-visible:ring-red-400',
} as const;

interface SubmitButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  /** While the form's action runs: the button is disabled and says what is happening. */
  pending: boolean;
  pendingLabel: string;
  tone?: keyof typeof TONES;
}

/** The one look of a form's main button, so every form says "working…" the same way. */
export function SubmitButton({
  pending,
  pendingLabel,
  tone = 'primary',
  disabled,
  children,
  ...button
}: SubmitButtonProps) {
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      className={`rounded-md px-4 py-2 text-sm font-semibold text-white shadow-sm focus:outline-none focus-visible:ring-2 disabled:opacity-60 ${TONES[tone]}`}
      {...button}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
