// Cluster names: one DNS label whose cluster domain fits in 253 characters.
import { describe, expect, it } from 'vitest';
import { clusterDomainFor, explainClusterNameProblem } from '@/server/clusters/cluster-name';

const BASE = 'zonekeeper.test';

describe('explainClusterNameProblem', () => {
  it.each(['prod', 'eu-west-1', 'a', '0', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(explainClusterNameProblem(name, 'acme', BASE)).toBeNull();
  });

  it.each([
    ['', /Enter a cluster name/],
    ['Prod', /lower-case.*"prod"/],
    ['eu west', /one DNS label.*"eu-west"/],
    ['eu.west', /one DNS label.*"eu-west"/],
    ['eu_west', /one DNS label.*"eu-west"/],
    ['prød', /"ø" cannot appear/],
    ['-prod', /hyphen/],
    ['prod-', /hyphen/],
    ['a'.repeat(64), /at most 63.*has 64/],
  ])('refuses %j', (name, says) => {
    expect(explainClusterNameProblem(name, 'acme', BASE)).toMatch(says);
  });

  it('refuses a name whose cluster domain would exceed 253 characters, saying how long it may be', () => {
    const base = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.test`; // 187 characters
    const org = 'o'.repeat(40); // zone: 228 characters
    expect(explainClusterNameProblem('x'.repeat(24), org, base)).toBeNull();
    expect(explainClusterNameProblem('x'.repeat(25), org, base)).toMatch(
      /254 characters long and DNS allows 253.*at most 24 characters/,
    );
    expect(clusterDomainFor('prod', 'acme', BASE)).toBe('prod.acme.zonekeeper.test');
  });
});
