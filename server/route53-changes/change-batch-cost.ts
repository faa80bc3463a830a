// What one change costs against Route 53's limits on a ChangeResourceRecordSets request, counted
// the way the Route 53 quotas page counts: at most 1,000 ResourceRecord elements and 32,000
// characters (spaces and quotes included) across all Value elements, and an UPSERT counts twice
// toward both. A TXT value such as `"v=DKIM1; k=rsa; p=…" "…"` counts every character as sent.
import type { Change } from '@aws-sdk/client-route-53';

export interface ChangeCost {
  records: number;
  characters: number;
}

export const CHANGE_BATCH_LIMITS: Readonly<ChangeCost> = { records: 1_000, characters: 32_000 };

export const NO_COST: Readonly<ChangeCost> = { records: 0, characters: 0 };

export function changeCost(change: Change): ChangeCost {
  const weight = change.Action === 'UPSERT' ? 2 : 1;
  const values = (change.ResourceRecordSet?.ResourceRecords ?? []).map((r) => r.Value ?? '');
  return {
    // An alias record set has no ResourceRecord element; we count it as one so that a batch of
    // aliases stays bounded too (erring on the side Route 53 can never refuse).
    records: Math.max(1, values.length) * weight,
    characters: values.reduce((sum, value) => sum + value.length, 0) * weight,
  };
}

export const addCost = (a: ChangeCost, b: ChangeCost): ChangeCost => ({
  records: a.records + b.records,
  characters: a.characters + b.characters,
});

export const withinLimits = (cost: ChangeCost, limits: ChangeCost = CHANGE_BATCH_LIMITS) =>
  cost.records <= limits.records && cost.characters <= limits.characters;
