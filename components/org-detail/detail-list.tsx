import type { ReactNode } from 'react';

/** Label/value pairs of a card, as a description list. */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">{children}</dl>;
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </>
  );
}

/** Something not there yet, in words rather than a blank. */
export function NotYet({ children }: { children: ReactNode }) {
  return <span className="text-slate-400">{children}</span>;
}
