// The human-readable form of `zk status`.
import { serviceLabel } from '../cloud/cloud-error';
import { explainStepError } from '../provisioning/explain-step-error';
import type { OrganizationStatus } from '../provisioning/org-status';
import type { StepError } from '../provisioning/step-error';

export function printStatus(statuses: OrganizationStatus[], now = new Date()): void {
  if (statuses.length === 0) console.log('No organizations.');
  for (const s of statuses) {
    console.log(
      `${s.slug}: ${s.status} (desired ${s.desiredState})${s.lastError ? ` — ${s.lastError}` : ''}`,
    );
    if (s.zone)
      console.log(
        s.zone.collected
          ? `  zone        ${s.zone.name} ${s.zone.id}: zone collected — it comes back when a cluster runs`
          : `  zone        ${s.zone.name} ${s.zone.id ?? '(not created)'} delegation ${s.zone.delegation}`,
      );
    if (s.identity) {
      console.log(`  iam         user ${s.identity.user}, policy ${s.identity.policy}`);
      console.log(
        `  access key  ${s.identity.accessKeyId ?? '(none)'} ${s.identity.status}, verified ${s.identity.accessKeyVerifiedAt?.toISOString() ?? 'never'}, vault ${s.identity.vaultPath} v${s.identity.vaultVersion ?? '-'}`,
      );
      if (s.identity.retiringAccessKeyId)
        console.log(
          `  old key     ${s.identity.retiringAccessKeyId} kept until every connected cluster holds v${s.identity.vaultVersion ?? '-'}; \`zk rotate-key --org ${s.slug} --force-retire\` names the clusters it waits for`,
        );
    }
    for (const step of s.steps) {
      const failure = step.error
        ? ` — ${explainStepError({ error: step.error, nextRetryAt: step.nextRetryAt }, now)} [${classification(step.error)}]`
        : '';
      console.log(
        `  step ${step.step.padEnd(20)} ${step.status} (attempts ${step.attempts})${failure}`,
      );
    }
  }
}

/** "Route 53 Throttling: throttled, clears on its own", for an operator to search and grep. */
function classification(error: StepError): string {
  const source = error.service ? `${serviceLabel(error.service)} ${error.code}` : 'Zonekeeper';
  const outlook = error.retryable ? 'clears on its own' : 'does not clear on its own';
  return `${source}: ${error.errorClass}, ${outlook}`;
}
