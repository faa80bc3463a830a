// The names of an org's resources (docs/design.md, "Names"): deterministic, within AWS's limits,
// and never the same for two orgs or two installations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IAM_PATH,
  environmentHash,
  orgResourceNames,
  policyArnFor,
} from '@/server/provisioning/org-resource-names';

const BASE = 'zonekeeper.test';
const ORG = { id: '0b7c2a4e-3f5d-4c1a-9e8b-6d2f1a0c9b7e', slug: 'acme', generation: 1 };
const slugArb = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/);

describe('orgResourceNames', () => {
  it('names the IAM user and policy zonekeeper-<env>-<org>, the env a hash of the base domain', () => {
    const names = orgResourceNames(ORG, BASE);
    expect(environmentHash(BASE)).toMatch(/^[0-9a-f]{8}$/);
    expect(names).toEqual({
      zoneName: 'acme.zonekeeper.test',
      callerReference: `zk-${ORG.id}-g1`,
      iamUserName: `zonekeeper-${environmentHash(BASE)}-acme`,
      policyName: `zonekeeper-${environmentHash(BASE)}-acme`,
      vaultPath: 'zonekeeper/orgs/acme/route53',
    });
    expect(IAM_PATH).toBe('/zonekeeper/');
    expect(policyArnFor('123456789012', names.policyName)).toBe(
      `arn:aws:iam::123456789012:policy/zonekeeper/${names.policyName}`,
    );
  });

  it('gives two installations (base domains) in one account different IAM names', () => {
    expect(orgResourceNames(ORG, 'a.example.com').iamUserName).not.toBe(
      orgResourceNames(ORG, 'b.example.com').iamUserName,
    );
  });

  it('keeps IAM names within 64 valid characters, unique per slug, for every valid slug', () => {
    fc.assert(
      fc.property(slugArb, slugArb, (a, b) => {
        const first = orgResourceNames({ ...ORG, slug: a }, BASE).iamUserName;
        expect(first.length).toBeLessThanOrEqual(64);
        expect(first).toMatch(/^[\w+=,.@-]+$/);
        expect(orgResourceNames({ ...ORG, slug: a }, BASE).iamUserName).toBe(first);
        if (a !== b)
          expect(orgResourceNames({ ...ORG, slug: b }, BASE).iamUserName).not.toBe(first);
      }),
    );
  });

  it('shortens only a slug that does not fit, keeping its start and a hash of the whole', () => {
    const long = `${'a'.repeat(40)}-${'b'.repeat(22)}`;
    const name = orgResourceNames({ ...ORG, slug: long }, BASE).iamUserName;
    expect(name).toHaveLength(64);
    expect(name).toMatch(new RegExp(`^zonekeeper-${environmentHash(BASE)}-a{35}_[0-9a-f]{8}$`));
    const fits = 'c'.repeat(44);
    expect(orgResourceNames({ ...ORG, slug: fits }, BASE).iamUserName).toBe(
      `zonekeeper-${environmentHash(BASE)}-${fits}`,
    );
  });

  it('derives a CallerReference under 128 bytes, the same on every retry, new per generation', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (id, generation) => {
        const org = { id, slug: 'acme', generation };
        const reference = orgResourceNames(org, BASE).callerReference;
        expect(Buffer.byteLength(reference, 'utf8')).toBeLessThan(128);
        expect(orgResourceNames({ ...org }, BASE).callerReference).toBe(reference);
        expect(
          orgResourceNames({ ...org, generation: generation + 1 }, BASE).callerReference,
        ).not.toBe(reference);
      }),
    );
  });
});
