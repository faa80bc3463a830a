import Link from 'next/link';
import type { ReactNode } from 'react';
import { Truncated } from '@/components/ui/truncated';

export interface Crumb {
  label: string;
  href?: string;
  /** Slugs and other identifiers show in monospace. */
  mono?: boolean;
}

/**
 * The top of every page: where it is (breadcrumb), its title, one sentence on it, and links or
 * controls on the right that wrap below the title on a narrow screen.
 */
export function PageHeader({
  crumbs,
  title,
  subtitle,
  description,
  aside,
}: {
  crumbs?: Crumb[];
  title: string;
  /** A line under the title, e.g. the zone name. */
  subtitle?: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="min-w-0">
      {crumbs && (
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <ol className="flex min-w-0 flex-wrap items-center gap-x-1.5">
            {crumbs.map((crumb, index) => (
              <li key={index} className="flex min-w-0 items-center gap-x-1.5">
                {index > 0 && <span aria-hidden>/</span>}
                {crumb.href ? (
                  <Link
                    href={crumb.href}
                    className={`min-w-0 hover:text-indigo-600 hover:underline ${crumb.mono ? 'font-mono' : ''}`}
                  >
                    <Truncated value={crumb.label} className="max-w-[16rem]" />
                  </Link>
                ) : (
                  <span aria-current="page" className={crumb.mono ? 'font-mono' : ''}>
                    <Truncated value={crumb.label} className="max-w-[16rem]" />
                  </span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className={`flex flex-wrap items-end justify-between gap-3 ${crumbs ? 'mt-2' : ''}`}>
        <div className="min-w-0 max-w-full">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {subtitle && <div className="mt-1 text-sm text-slate-500">{subtitle}</div>}
        </div>
        {aside && <div className="flex flex-wrap gap-4">{aside}</div>}
      </div>
      {description && <p className="mt-1 max-w-3xl text-sm text-slate-500">{description}</p>}
    </div>
  );
}
