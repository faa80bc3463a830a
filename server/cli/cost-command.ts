// `zk cost [--org <slug>] [--at <ISO time>] [--json]`: what every zone costs, from the store.
import type { Store } from '@/db/open-store';
import { accountCostReport } from '../billing/account-cost-report';
import { parseAtOption } from './parse-at-option';

export async function costCommand(
  store: Store,
  options: { org?: string; at?: string; json?: boolean },
): Promise<void> {
  const at = parseAtOption(options.at);
  const report = await accountCostReport(store, { at, orgSlug: options.org });
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const usd = (n: number) => `$${n.toFixed(4).replace(/(\.\d\d)0+$/, '$1')}`;
  console.log(`Zone costs at ${at.toISOString()} (UTC)`);
  if (report.zones.length === 0) console.log('  no zones');
  for (const z of report.zones) {
    const charged = z.chargedThisMonth
      ? `charged ${usd(z.thisMonthUsd)} this month`
      : 'not charged this month';
    const next = z.nextChargeAt ? `next ${usd(z.nextChargeUsd)} at ${z.nextChargeAt}` : 'deleted';
    const free = Date.parse(z.freeUntil) > at.getTime() ? `, free until ${z.freeUntil}` : '';
    console.log(`  ${z.org} ${z.zoneId}: ${charged}; ${next}${free}`);
  }
  console.log(
    `This month: ${usd(report.thisMonthUsd)}; next month projected: ${usd(report.projectedNextMonthUsd)}`,
  );
}
