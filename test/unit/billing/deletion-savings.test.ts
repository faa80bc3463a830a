import { describe, expect, it } from 'vitest';
import { deletionSavings } from '@/server/billing/deletion-savings';
import type { BilledZone } from '@/server/billing/zone-charges';

const t = (iso: string) => new Date(iso);
const z = (
  zoneId: string,
  createdAt: string,
  deletedAt: string | null = null,
  recordCount = 0,
): BilledZone => ({
  zoneId,
  createdAt: t(createdAt),
  deletedAt: deletedAt === null ? null : t(deletedAt),
  recordCount,
});

describe('deletionSavings', () => {
  it('saves the creation charge of a zone deleted inside its free window', () => {
    const savings = deletionSavings(
      { zones: [z('Z1', '2026-12-10T08:00:00Z', '2026-12-10T19:00:00Z')], otherAccountZones: 1 },
      t('2026-12-20T00:00:00Z'),
    );
    expect(savings).toEqual([{ zoneId: 'Z1', kind: 'free-window', usd: 0.5, month: '2026-12' }]);
  });

  it('saves both charges of a zone created at 23:50 on the last day and deleted in its window', () => {
    const zones = [z('Z1', '2026-12-31T23:50:00Z', '2027-01-01T11:00:00Z')];
    expect(deletionSavings({ zones, otherAccountZones: 1 }, t('2027-01-02T00:00:00Z'))).toEqual([
      { zoneId: 'Z1', kind: 'free-window', usd: 1, month: '2026-12' },
    ]);
  });

  it('saves the next month of a zone deleted before a 1st', () => {
    const zones = [z('Z1', '2026-11-01T00:00:00Z', '2026-12-31T23:30:00Z', 10_100)];
    expect(deletionSavings({ zones, otherAccountZones: 1 }, t('2026-12-31T23:40:00Z'))).toEqual([
      { zoneId: 'Z1', kind: 'before-month-start', usd: 0.65, month: '2027-01' },
    ]);
  });

  it('prices the saving at the tier place the zone would have taken', () => {
    const zones = Array.from({ length: 25 }, (_, i) =>
      z(`A${String(i).padStart(2, '0')}`, '2026-10-01T00:00:00Z'),
    );
    zones.push(z('Z-late', '2026-12-10T08:00:00Z', '2026-12-10T09:00:00Z'));
    const [saving] = deletionSavings({ zones, otherAccountZones: 1 }, t('2026-12-20T00:00:00Z'));
    expect(saving).toEqual({ zoneId: 'Z-late', kind: 'free-window', usd: 0.1, month: '2026-12' });
  });

  it('lists no saving for a zone that still exists, nor for a deletion after now', () => {
    const zones = [
      z('Z1', '2026-11-01T00:00:00Z'),
      z('Z2', '2026-11-01T00:00:00Z', '2026-12-25T00:00:00Z'),
    ];
    expect(deletionSavings({ zones, otherAccountZones: 1 }, t('2026-12-20T00:00:00Z'))).toEqual([]);
  });
});
