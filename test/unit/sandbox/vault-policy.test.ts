import { describe, expect, it } from 'vitest';
import { capabilitiesOn, parseVaultPolicy, type VaultPathRule } from '@/sandbox/vault/vault-policy';

function rulesOf(text: string): VaultPathRule[] {
  const parsed = parseVaultPolicy(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rules;
}

const ACME_HCL = `
# Zonekeeper: one org's secrets
path "secret/data/zonekeeper/orgs/acme/*" {
  capabilities = ["read", "create", "update", "delete", "list"]
}

path "secret/metadata/zonekeeper/orgs/acme/*" {
  capabilities = ["list", "read"]
}
`;

describe('parseVaultPolicy', () => {
  it('reads path blocks from HCL', () => {
    expect(rulesOf(ACME_HCL)).toEqual([
      {
        path: 'secret/data/zonekeeper/orgs/acme/*',
        capabilities: ['read', 'create', 'update', 'delete', 'list'],
      },
      { path: 'secret/metadata/zonekeeper/orgs/acme/*', capabilities: ['list', 'read'] },
    ]);
  });

  it('reads the JSON form', () => {
    const json = JSON.stringify({ path: { 'secret/data/a/*': { capabilities: ['read'] } } });
    expect(rulesOf(json)).toEqual([{ path: 'secret/data/a/*', capabilities: ['read'] }]);
  });

  it.each([
    ['an unknown capability', 'path "a" { capabilities = ["write"] }'],
    ['unsupported HCL', 'path "a" { policy = "read" }'],
    ['trailing garbage', 'path "a" { capabilities = ["read"] } oops'],
    ['a bare word capability', 'path "a" { capabilities = [read] }'],
    ['invalid JSON', '{"path": '],
    ['JSON without path', '{"paths": {}}'],
  ])('refuses %s', (_case, text) => {
    expect(parseVaultPolicy(text).ok).toBe(false);
  });
});

describe('capabilitiesOn', () => {
  const acme = rulesOf(ACME_HCL);

  it.each([
    ['secret/data/zonekeeper/orgs/acme/route53', true],
    ['secret/data/zonekeeper/orgs/acme/deeper/path', true],
    ['secret/data/zonekeeper/orgs/globex/route53', false],
    ['secret/data/zonekeeper/orgs/acme-evil/route53', false],
    ['secret/data/zonekeeper/orgs/acme', false],
  ])('read on %s → %s', (path, allowed) => {
    expect(capabilitiesOn(acme, path).has('read')).toBe(allowed);
  });

  it('uses the most specific matching path, not the union of all matches', () => {
    const rules = rulesOf(`
      path "secret/data/*" { capabilities = ["read", "update"] }
      path "secret/data/locked/*" { capabilities = ["read"] }
      path "secret/data/locked/exact" { capabilities = ["list"] }
    `);
    expect([...capabilitiesOn(rules, 'secret/data/open')]).toEqual(['read', 'update']);
    expect([...capabilitiesOn(rules, 'secret/data/locked/x')]).toEqual(['read']);
    expect([...capabilitiesOn(rules, 'secret/data/locked/exact')]).toEqual(['list']);
  });

  it('matches + as exactly one path segment', () => {
    const rules = rulesOf('path "secret/data/orgs/+/route53" { capabilities = ["read"] }');
    expect(capabilitiesOn(rules, 'secret/data/orgs/acme/route53').has('read')).toBe(true);
    expect(capabilitiesOn(rules, 'secret/data/orgs/a/b/route53').has('read')).toBe(false);
  });

  it('merges rules for the same path from several policies, and deny removes everything', () => {
    const merged = [
      ...rulesOf('path "secret/data/a" { capabilities = ["read"] }'),
      ...rulesOf('path "secret/data/a" { capabilities = ["update"] }'),
    ];
    expect([...capabilitiesOn(merged, 'secret/data/a')].sort()).toEqual(['read', 'update']);
    const denied = [...merged, ...rulesOf('path "secret/data/a" { capabilities = ["deny"] }')];
    expect(capabilitiesOn(denied, 'secret/data/a').size).toBe(0);
  });
});
