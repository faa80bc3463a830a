import Link from 'next/link';

// Also what another organization's pages answer: the same as a missing one, so names cannot be
// probed.
export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-start gap-3 py-16">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Not found</h1>
      <p className="text-sm text-slate-600">
        There is nothing here that you can see. Check the address, or pick one of your
        organizations.
      </p>
      <Link href="/orgs" className="text-sm font-medium text-indigo-600 hover:underline">
        Your organizations
      </Link>
    </div>
  );
}
