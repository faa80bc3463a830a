import { describe, expect, it } from 'vitest';
import { planCollection } from '@/server/gc/plan-collection';
import { MONTH_END_CASES, MONTH_END_NOW, monthEndInput } from './month-end-scenario';

describe('planCollection at 23:00 UTC on the last day of a month', () => {
  const plan = planCollection(monthEndInput());

  it.each(MONTH_END_CASES.map((c) => [c.slug, c.expected]))('%s → %s', (slug, expected) => {
    expect(plan.find((d) => d.org === slug)?.action).toBe(expected);
  });

  it('fits every scheduled teardown between now and 23:30, end to end, oldest zone first', () => {
    const scheduled = plan.filter((d) => d.action === 'schedule');
    expect(scheduled.map((d) => d.org)).toEqual([
      'leap-day',
      'big-orphaned',
      'long-idle',
      'nov-23h50',
      'age-12h01',
      'age-12h00',
      'age-11h59',
      'age-11h31',
    ]);
    const calls = scheduled.reduce((s, d) => s + d.teardownCalls, 0);
    expect(calls).toBe(12 + 126 + 36 + 12 + 12 + 12 + 12 + 12);
    const deadline = new Date('2026-12-31T23:30:00Z').getTime();
    expect(scheduled[0]!.at!.getTime()).toBe(deadline - calls * 500);
    expect(scheduled[0]!.at!.getTime()).toBeGreaterThan(MONTH_END_NOW.getTime());
    const last = scheduled.at(-1)!;
    expect(last.at!.getTime() + last.teardownCalls * 500).toBe(deadline);
  });

  it('says why a zone still inside its free window is scheduled rather than deleted free', () => {
    const reasonOf = (slug: string) => plan.find((d) => d.org === slug)!.reason;
    expect(reasonOf('age-11h59')).toContain(
      'Its free window closes at 2026-12-31T23:01:00Z, too soon to tear it down with the margin, so December 2026 is charged',
    );
    expect(reasonOf('age-12h00')).toContain('December 2026 is already paid for');
  });

  it('asks for approval in manual mode for every deletion, and for nothing else', () => {
    for (const d of plan)
      expect(d.needsApproval).toBe(d.action === 'delete-now' || d.action === 'schedule');
  });
});
