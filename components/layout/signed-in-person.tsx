import { signOutAction } from '@/app/sign-in/actions';

export interface SignedInPerson {
  name: string | null;
  email: string;
  isPlatformOperator: boolean;
}

export function SignedInPersonMenu({ person }: { person: SignedInPerson }) {
  return (
    <div className="flex items-center gap-3" data-testid="signed-in-person">
      <div className="text-right leading-tight">
        <p className="text-sm font-medium text-slate-900">{person.name ?? person.email}</p>
        <p className="text-xs text-slate-500">
          {person.email}
          {person.isPlatformOperator && ' · platform operator'}
        </p>
      </div>
      <form action={signOutAction}>
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
