import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SLUG_PATTERN,
  explainSlugProblem,
  slugFromDisplayName,
  suggestSlug,
} from '@/server/orgs/org-slug';

const BASE = 'zonekeeper.test';

describe('explainSlugProblem', () => {
  it.each([['acme'], ['a'], ['0'], ['acme-corp'], ['a1-b2-c3'], ['a'.repeat(63)]])(
    'accepts %s',
    (slug) => {
      expect(explainSlugProblem(slug, BASE)).toBeNull();
    },
  );

  it.each([
    ['', /Enter a slug/],
    ['Acme', /lower-case.*try "acme"/],
    ['acme corp', /Spaces.*"acme-corp"/],
    ['acme_corp', /Underscores.*"acme-corp"/],
    ['café', /"é" cannot appear.*"cafe"/],
    ['acme.corp', /"\." cannot appear/],
    ['🙂', /cannot appear/],
    ['a'.repeat(64), /at most 63 characters.*has 64/],
    ['-acme', /start or end with a hyphen/],
    ['acme-', /start or end with a hyphen/],
    ['xn--caf-dma', /cannot start with "xn--".*punycode/],
    ['ab--cd', /3rd and 4th characters/],
  ])('refuses %j, saying how to fix it', (slug, message) => {
    expect(explainSlugProblem(slug, BASE)).toMatch(message);
  });

  it('refuses a slug whose zone name would pass 253 characters, naming the longest that fits', () => {
    const base = `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.example.com`; // 203
    expect(explainSlugProblem('a'.repeat(49), base)).toBeNull();
    expect(explainSlugProblem('a'.repeat(50), base)).toMatch(/254 characters.*at most 49/);
  });

  it('agrees with the DNS label pattern for every string (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcAZ09-_ .é'.split('')), maxLength: 70 }),
        (slug) => {
          expect(explainSlugProblem(slug, BASE) === null).toBe(SLUG_PATTERN.test(slug));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('slugFromDisplayName', () => {
  it.each([
    ['Acme Corp', 'acme-corp'],
    ['  Globex  ', 'globex'],
    ['Initech_Labs', 'initech-labs'],
    ['A.B  C', 'a-b-c'],
    ['Zürich', 'zürich'],
  ])('%j → %j', (displayName, slug) => {
    expect(slugFromDisplayName(displayName)).toBe(slug);
  });
});

describe('suggestSlug', () => {
  it('suggests nothing rather than a made-up slug for a name with no usable letter', () => {
    expect(suggestSlug('株式会社')).toBe('');
    expect(explainSlugProblem('株式会社', BASE)).not.toMatch(/e\.g\./);
  });

  it('only ever suggests a slug that is itself accepted (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const suggested = suggestSlug(name);
        if (suggested !== '') expect(explainSlugProblem(suggested, BASE)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
