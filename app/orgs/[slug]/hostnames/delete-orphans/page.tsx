import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireOrgForPage } from '@/app/_lib/get-caller';
import { DeleteOrphansForm } from '@/components/hostnames/delete-orphans-form';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { UtcTime } from '@/components/ui/utc-time';
import { roleHas } from '@/server/auth/permissions';
import { previewOrphanDeletion } from '@/server/hostnames/delete-orphans';
import { getStore } from '@/server/store';
import { deleteOrphansAction } from '../actions';

export const metadata: Metadata = { title: 'Delete orphan records' };

// The preview of an explicit orphan deletion: exactly the record sets that will go, from the
// store's last sync; the confirmation is bound to this list.
export default async function DeleteOrphansPage({ params }: { params: Promise<{ slug: string }> }) {
  const { org, role } = await requireOrgForPage((await params).slug);
  // Viewers have no business here: the same 404 as for a page that does not exist.
  if (!roleHas(role, 'records.delete_orphans')) notFound();
  const preview = await previewOrphanDeletion(await getStore(), org);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        crumbs={[
          { label: 'Organizations', href: '/orgs' },
          { label: org.slug, href: `/orgs/${org.slug}`, mono: true },
          { label: 'Hostnames', href: `/orgs/${org.slug}/hostnames` },
          { label: 'Delete orphans' },
        ]}
        title="Delete orphan records"
        description="Records whose owner is a deleted cluster, or an owner id no cluster of this organization has, with their TXT registry records. Unmanaged records (created by hand) are never deleted."
      />
      <Card
        id="orphan-preview"
        title={`${preview.records.length} record set${preview.records.length === 1 ? '' : 's'} will be deleted`}
        tone="danger"
        description={
          preview.syncedAt ? (
            <>
              As of the last sync, <UtcTime value={preview.syncedAt} />. The zone is synced again
              before anything is deleted; if the orphans changed, nothing is and you see the new
              list.
            </>
          ) : (
            'The zone has not been synced yet.'
          )
        }
      >
        {preview.records.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600" data-testid="no-orphans">
            There are no orphan records to delete.
          </p>
        ) : (
          <div className="mt-4 flex flex-col gap-4">
            <ul className="divide-y divide-slate-100 text-sm" data-testid="orphan-preview-list">
              {preview.records.map((record) => (
                <li key={`${record.name} ${record.type} ${record.setIdentifier}`} className="py-2">
                  <span className="font-mono text-xs text-slate-900">
                    {record.hostname} {record.type}
                    {record.setIdentifier && ` (set ${record.setIdentifier})`}
                  </span>
                  <span className="block break-all font-mono text-xs text-slate-500">
                    {record.aliasTarget ?? record.values.join(' ')}
                  </span>
                  {record.reason && (
                    <span className="block text-xs text-slate-500">{record.reason}</span>
                  )}
                </li>
              ))}
            </ul>
            {preview.more && (
              <p className="text-sm text-slate-600">
                More orphans than one deletion takes: the rest show here after this one.
              </p>
            )}
            <DeleteOrphansForm
              orgSlug={org.slug}
              digest={preview.digest}
              count={preview.records.length}
              action={deleteOrphansAction}
            />
          </div>
        )}
      </Card>
    </div>
  );
}
