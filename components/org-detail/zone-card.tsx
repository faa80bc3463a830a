import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { Card } from '@/components/ui/card';
import { Identifier } from '@/components/ui/identifier';
import { Detail, DetailList, NotYet } from './detail-list';

const DELEGATION_MEANING: Record<NonNullable<OrgStatusView['zone']>['delegation'], string> = {
  matches: 'The parent zone delegates to exactly these name servers.',
  missing: 'The parent zone has no NS record for this zone yet.',
  differs: 'The parent zone names other name servers than this zone has.',
  unknown: 'Not checked yet.',
};

export function ZoneCard({ zone, zoneName }: { zone: OrgStatusView['zone']; zoneName: string }) {
  return (
    <Card id="zone" title="Hosted zone" description="The organization's public Route 53 zone.">
      <DetailList>
        <Detail label="Zone name">
          <Identifier value={zone?.name ?? zoneName} />
        </Detail>
        <Detail label="Zone id">
          {zone?.id ? (
            <Identifier testId="zone-id" value={zone.id} />
          ) : (
            <NotYet>not created yet</NotYet>
          )}
        </Detail>
        <Detail label="Name servers">
          {zone?.nameServers.length ? (
            <ul aria-label="Name servers" className="font-mono">
              {zone.nameServers.map((ns) => (
                <li key={ns}>
                  <Identifier value={ns} />
                </li>
              ))}
            </ul>
          ) : (
            <NotYet>assigned when the zone is created</NotYet>
          )}
        </Detail>
        <Detail label="Delegation">
          <span data-testid="delegation" className="flex flex-col items-start gap-1">
            <StatusBadge status={zone?.delegation ?? 'unknown'} />
            <span className="text-slate-600">
              {DELEGATION_MEANING[zone?.delegation ?? 'unknown']}
              {zone?.delegationCheckedAt && (
                <>
                  {' '}
                  Checked <UtcTime value={new Date(zone.delegationCheckedAt)} />.
                </>
              )}
            </span>
          </span>
        </Detail>
      </DetailList>
    </Card>
  );
}
