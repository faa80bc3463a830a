import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRoute53Name } from '@/server/hostnames/route53-record-name';

describe('decodeRoute53Name', () => {
  it.each([
    ['web.acme.example.com.', 'web.acme.example.com'],
    ['web.acme.example.com', 'web.acme.example.com'],
    ['\\052.acme.example.com.', '*.acme.example.com'],
    ['a-\\052.acme.example.com.', 'a-*.acme.example.com'],
    ['\\052.\\052.acme.example.com.', '*.*.acme.example.com'],
    ['caf\\303\\251.acme.example.com.', 'café.acme.example.com'],
    ['WEB.Acme.example.com.', 'web.acme.example.com'],
    ['back\\134slash.example.com.', 'back\\slash.example.com'],
    ['odd\\9.example.com.', 'odd\\9.example.com'],
    ['trailing\\', 'trailing\\'],
  ])('%j → %j', (listed, name) => {
    expect(decodeRoute53Name(listed)).toBe(name);
  });

  it('never throws (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(typeof decodeRoute53Name(text)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('undoes Route 53 escaping of any printable ASCII name (property)', () => {
    const label = fc.string({
      unit: fc.constantFrom(...'ab9-_*@!~'.split('')),
      minLength: 1,
      maxLength: 10,
    });
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), (labels) => {
        const name = labels.join('.');
        const escaped = [...name]
          .map((c) =>
            /[a-z0-9_.-]/.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`,
          )
          .join('');
        expect(decodeRoute53Name(`${escaped}.`)).toBe(name);
      }),
    );
  });
});
