import { StatusBadge } from '@/components/ui/status-badge';
import { UtcTime } from '@/components/ui/utc-time';
import type { OrgStatusView } from '@/server/provisioning/org-status-view';
import { Card } from '@/components/ui/card';
import { Identifier } from '@/components/ui/identifier';
import { Detail, DetailList, NotYet } from './detail-list';
import { formatAge } from './format-age';

// References only: the secret access key lives in Vault and is never part of the view.
export function IdentityCard({
  identity,
  readAt,
}: {
  identity: OrgStatusView['identity'];
  readAt: string;
}) {
  return (
    <Card
      id="identity"
      title="AWS identity"
      description="The IAM user ExternalDNS uses, allowed to change this zone only. Its secret is in Vault."
    >
      {identity ? (
        <DetailList>
          <Detail label="IAM user">
            <NameAndArn name={identity.user} arn={identity.userArn} />
          </Detail>
          <Detail label="IAM policy">
            <NameAndArn name={identity.policy} arn={identity.policyArn} />
          </Detail>
          <Detail label="Access key id">
            {identity.accessKeyId ? (
              <span className="flex flex-wrap items-center gap-2">
                <Identifier testId="access-key-id" value={identity.accessKeyId} />
                <StatusBadge status={identity.status} />
              </span>
            ) : (
              <NotYet>not created yet</NotYet>
            )}
          </Detail>
          <Detail label="Key created">
            {identity.accessKeyCreatedAt ? (
              <>
                <UtcTime value={new Date(identity.accessKeyCreatedAt)} />{' '}
                <span className="text-slate-500">
                  ({formatAge(identity.accessKeyCreatedAt, readAt)} old)
                </span>
              </>
            ) : (
              <NotYet>—</NotYet>
            )}
          </Detail>
          <Detail label="Last verified">
            {identity.accessKeyVerifiedAt ? (
              <UtcTime value={new Date(identity.accessKeyVerifiedAt)} />
            ) : (
              <NotYet>not verified yet</NotYet>
            )}
          </Detail>
          <Detail label="Vault secret">
            <Identifier testId="vault-path" value={identity.vaultPath} />{' '}
            <span className="text-slate-500">
              version <span data-testid="vault-version">{identity.vaultVersion ?? 'none yet'}</span>
            </span>
          </Detail>
        </DetailList>
      ) : (
        <p className="mt-4 text-sm text-slate-500">
          Made once the hosted zone and its delegation are in place.
        </p>
      )}
    </Card>
  );
}

function NameAndArn({ name, arn }: { name: string; arn: string | null }) {
  return (
    <span className="flex flex-col">
      <Identifier value={name} />
      <span className="text-xs text-slate-500">
        {arn ? <Identifier value={arn} /> : 'not created yet'}
      </span>
    </span>
  );
}
