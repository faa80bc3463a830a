import { signOutAction } from '@/app/sign-in/actions';

export interface SignedInPerson {
  name: string | null;
  email: string;
  /** What the person is here, in words: "platform operator", "admin of acme", … */
  roleLabel: string;
  /** Shows the sections only operators may open. */
  isPlatformOperator?: boolean;
}

export function SignedInPersonMenu({ person }: { person: SignedInPerson }) {
  const shown = person.name ?? person.email;
  return (
    <div className="flex min-w-0 items-center gap-3" data-testid="signed-in-person">
      <div className="min-w-0 text-right leading-tight">
        <p className="truncate text-sm font-medium text-slate-900" title={shown}>
          {shown}
        </p>
        <p
          className="truncate text-xs text-slate-500"
          title={`${person.email} · ${person.roleLabel}`}
        >
          {/* The email is in the title on a phone; the role always shows. */}
          <span className="hidden sm:inline">{person.email} · </span>
          <span data-testid="signed-in-role">{person.roleLabel}</span>
        </p>
      </div>
      <form action={signOutAction} className="shrink-0">
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
