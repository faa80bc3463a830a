import type { ReactNode } from 'react';

const TONES = {
  plain: { box: 'border-slate-200 bg-white', title: 'text-slate-900' },
  // Where a click destroys: the danger zone at the bottom of a page.
  danger: { box: 'border-red-200 bg-white', title: 'text-red-800' },
} as const;

/** A titled section of a page: the one card look of the product. */
export function Card({
  id,
  title,
  description,
  tone = 'plain',
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  tone?: keyof typeof TONES;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={`min-w-0 rounded-xl border p-4 shadow-sm sm:p-6 ${TONES[tone].box}`}
    >
      <h2 id={`${id}-title`} className={`text-base font-semibold ${TONES[tone].title}`}>
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      {children}
    </section>
  );
}
