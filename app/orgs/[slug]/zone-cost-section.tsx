// The org page's zone cost card, with its own data: what the zone costs now and what the
// collector plans for it, read from the store.
import type { Organization } from '@/db/rows';
import { ZoneCostCard } from '@/components/cost/zone-cost-card';
import { roleHas, type Role } from '@/server/auth/permissions';
import { orgZoneCostView } from '@/server/billing/org-zone-cost-view';
import { getStore } from '@/server/store';

export async function ZoneCostSection({ org, role }: { org: Organization; role: Role }) {
  const now = new Date();
  const view = await orgZoneCostView(await getStore(), org, now);
  return (
    <ZoneCostCard
      orgSlug={org.slug}
      view={view}
      now={now}
      pinControl={
        org.desiredState !== 'present'
          ? null
          : roleHas(role, 'gc.approve')
            ? 'operator'
            : roleHas(role, 'gc.request_pin')
              ? 'request'
              : null
      }
    />
  );
}
