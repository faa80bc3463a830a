// What the rotation gate did in a CLI pass: each old key deleted, or the clusters that hold it.
import type { RetirementResult } from '../credentials/retire-old-key';
import { describeBlockers } from '../credentials/rotation-blockers';

export function printRetirements(retirements: RetirementResult[]): void {
  for (const r of retirements) {
    if (r.retired) {
      console.log(
        `${r.slug}: old key ${r.retired} deleted; every connected cluster holds the new key`,
      );
    } else if (r.blockers.length > 0) {
      console.log(`${r.slug}: rotation waiting for ${describeBlockers(r.blockers)}`);
    } else {
      console.log(`${r.slug}: rotation waiting for the new key to be verified`);
    }
  }
}
