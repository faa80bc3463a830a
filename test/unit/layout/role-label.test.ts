import { describe, expect, it } from 'vitest';
import { roleLabel } from '@/components/layout/role-label';

describe('roleLabel', () => {
  it.each([
    [{ isPlatformOperator: true, memberships: [] }, 'platform operator'],
    [{ isPlatformOperator: false, memberships: [] }, 'no organization yet'],
    [
      { isPlatformOperator: false, memberships: [{ slug: 'acme', role: 'admin' as const }] },
      'admin of acme',
    ],
    [
      { isPlatformOperator: false, memberships: [{ slug: 'acme', role: 'viewer' as const }] },
      'viewer of acme',
    ],
    [
      {
        isPlatformOperator: false,
        memberships: [
          { slug: 'acme', role: 'admin' as const },
          { slug: 'globex', role: 'viewer' as const },
        ],
      },
      'admin of acme, viewer of globex',
    ],
    [
      {
        isPlatformOperator: false,
        memberships: [
          { slug: 'acme', role: 'admin' as const },
          { slug: 'globex', role: 'admin' as const },
          { slug: 'initech', role: 'viewer' as const },
        ],
      },
      'admin of 2 and viewer of 1 organizations',
    ],
  ])('%j → %s', (person, label) => {
    expect(roleLabel(person)).toBe(label);
  });
});
