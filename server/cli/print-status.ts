// The human-readable form of `zk status`.
import type { OrganizationStatus } from '../provisioning/org-status';

export function printStatus(statuses: OrganizationStatus[]): void {
  if (statuses.length === 0) console.log('No organizations.');
  for (const s of statuses) {
    console.log(
      `${s.slug}: ${s.status} (desired ${s.desiredState})${s.lastError ? ` — ${s.lastError}` : ''}`,
    );
    if (s.zone)
      console.log(
        `  zone        ${s.zone.name} ${s.zone.id ?? '(not created)'} delegation ${s.zone.delegation}`,
      );
    if (s.identity) {
      console.log(`  iam         user ${s.identity.user}, policy ${s.identity.policy}`);
      console.log(
        `  access key  ${s.identity.accessKeyId ?? '(none)'} ${s.identity.status}, verified ${s.identity.accessKeyVerifiedAt?.toISOString() ?? 'never'}, vault ${s.identity.vaultPath} v${s.identity.vaultVersion ?? '-'}`,
      );
    }
    for (const step of s.steps) {
      console.log(
        `  step ${step.step.padEnd(20)} ${step.status} (attempts ${step.attempts})${step.lastError ? ` — ${step.lastError}` : ''}`,
      );
    }
  }
}
