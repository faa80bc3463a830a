// `zk records schedule`: how often the reconciler syncs every zone's records, and why.
import type { Store } from '@/db/open-store';
import { currentSyncSchedule } from '../hostnames/scheduled-record-sync';

export async function recordsScheduleCommand(store: Store): Promise<void> {
  const { description } = await currentSyncSchedule(store);
  console.log(description);
}
