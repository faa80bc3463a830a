import { describe, expect, it } from 'vitest';
import type { Caller } from '@/sandbox/aws/identity';
import { createIamState, type IamStateOptions } from '@/sandbox/iam/iam-state';

const PLATFORM = { accessKeyId: 'AKIAPLATFORMKEY00000', secretAccessKey: 'p'.repeat(40) };
const DELAY_MS = 5_000;
const ZONE = 'arn:aws:route53:::hostedzone/Z1';
const ALLOW_ZONE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'route53:GetHostedZone', Resource: ZONE }],
});

function setup(extra: Partial<IamStateOptions> = {}) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const iam = createIamState({
    platformCredentials: PLATFORM,
    keyActivationDelayMs: DELAY_MS,
    now: () => clock,
    ...extra,
  });
  const advance = (ms: number) => {
    clock += ms;
  };
  const user = iam.createUser({ userName: 'zonekeeper-abc-acme', path: '/zonekeeper/', tags: [] });
  return { iam, advance, user };
}

describe('resolveCaller', () => {
  it('recognises the platform key at once', () => {
    const { iam } = setup();
    expect(iam.resolveCaller(PLATFORM.accessKeyId)).toMatchObject({
      kind: 'platform',
      accountId: '123456789012',
    });
  });

  it('accepts a new key only after the activation delay', () => {
    const { iam, advance, user } = setup();
    const key = iam.createAccessKey(user.userName);
    expect(iam.resolveCaller(key.accessKeyId)).toBeUndefined();
    advance(DELAY_MS - 1);
    expect(iam.resolveCaller(key.accessKeyId)).toBeUndefined();
    advance(1);
    expect(iam.resolveCaller(key.accessKeyId)).toEqual({
      kind: 'iam-user',
      accessKeyId: key.accessKeyId,
      accountId: '123456789012',
      arn: 'arn:aws:iam::123456789012:user/zonekeeper/zonekeeper-abc-acme',
      userId: user.userId,
      userName: user.userName,
    });
  });

  it('refuses inactive, deleted and unknown keys', () => {
    const { iam, advance, user } = setup();
    const key = iam.createAccessKey(user.userName);
    advance(DELAY_MS);
    iam.updateAccessKey(user.userName, key.accessKeyId, 'Inactive');
    expect(iam.resolveCaller(key.accessKeyId)).toBeUndefined();
    iam.updateAccessKey(user.userName, key.accessKeyId, 'Active');
    expect(iam.resolveCaller(key.accessKeyId)).toBeDefined();
    iam.deleteAccessKey(user.userName, key.accessKeyId);
    expect(iam.resolveCaller(key.accessKeyId)).toBeUndefined();
    expect(iam.resolveCaller('AKIANOSUCHKEY0000000')).toBeUndefined();
  });
});

describe('isAllowed', () => {
  it('allows the platform everything', () => {
    const { iam } = setup();
    const platform = iam.resolveCaller(PLATFORM.accessKeyId)!;
    expect(iam.isAllowed(platform, 'route53:DeleteHostedZone', ZONE)).toBe(true);
  });

  it("follows the user's attached policies, and stops when they are detached", () => {
    const { iam, advance, user } = setup();
    const policy = iam.createPolicy({
      policyName: 'zonekeeper-abc-acme',
      path: '/zonekeeper/',
      document: ALLOW_ZONE,
      tags: [],
    });
    const key = iam.createAccessKey(user.userName);
    advance(DELAY_MS);
    const caller = iam.resolveCaller(key.accessKeyId)!;
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', ZONE)).toBe(false);
    iam.attachUserPolicy(user.userName, policy.arn);
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', ZONE)).toBe(true);
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', 'arn:aws:route53:::hostedzone/Z2')).toBe(
      false,
    );
    iam.detachUserPolicy(user.userName, policy.arn);
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', ZONE)).toBe(false);
  });

  it('does not let a stale caller act for a user re-created under the same name', () => {
    const { iam, user } = setup();
    const stale: Caller = {
      kind: 'iam-user',
      accessKeyId: 'AKIAOLDKEY0000000000',
      accountId: '123456789012',
      arn: user.arn,
      userId: 'AIDAOLDUSER0000000000',
      userName: user.userName,
    };
    const policy = iam.createPolicy({ policyName: 'p', path: '/', document: ALLOW_ZONE, tags: [] });
    iam.attachUserPolicy(user.userName, policy.arn);
    expect(iam.isAllowed(stale, 'route53:GetHostedZone', ZONE)).toBe(false);
  });

  it('does not treat another key claiming to be the platform as the platform', () => {
    const { iam } = setup();
    const impostor: Caller = {
      kind: 'platform',
      accessKeyId: 'AKIAIMPOSTOR00000000',
      accountId: '123456789012',
      arn: 'arn:aws:iam::123456789012:root',
      userId: '123456789012',
    };
    expect(iam.isAllowed(impostor, 'route53:GetHostedZone', ZONE)).toBe(false);
  });
});

describe('IAM rules', () => {
  it('treats names as unique regardless of case', () => {
    const { iam } = setup();
    expect(() => iam.createUser({ userName: 'ZONEKEEPER-ABC-ACME', path: '/', tags: [] })).toThrow(
      expect.objectContaining({ code: 'EntityAlreadyExists', status: 409 }),
    );
  });

  it('enforces the policy-size quota', () => {
    const { iam } = setup();
    const huge = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'route53:GetHostedZone', Resource: 'x'.repeat(7000) }],
    });
    expect(() =>
      iam.createPolicy({ policyName: 'huge', path: '/', document: huge, tags: [] }),
    ).toThrow(expect.objectContaining({ code: 'LimitExceeded', status: 409 }));
  });
});

describe('policy versions', () => {
  const OTHER_ZONE = 'arn:aws:route53:::hostedzone/Z2';
  const ALLOW_OTHER_ZONE = ALLOW_ZONE.replace('hostedzone/Z1', 'hostedzone/Z2');

  it('lets only the default version decide what the policy allows', () => {
    const { iam, advance, user } = setup();
    const policy = iam.createPolicy({ policyName: 'p', path: '/', document: ALLOW_ZONE, tags: [] });
    iam.attachUserPolicy(user.userName, policy.arn);
    const key = iam.createAccessKey(user.userName);
    advance(DELAY_MS);
    const caller = iam.resolveCaller(key.accessKeyId)!;

    iam.createPolicyVersion(policy.arn, ALLOW_OTHER_ZONE, false);
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', ZONE)).toBe(true);
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', OTHER_ZONE)).toBe(false);

    const v3 = iam.createPolicyVersion(policy.arn, ALLOW_OTHER_ZONE, true);
    expect(v3.versionId).toBe('v3');
    expect(iam.getPolicy(policy.arn).defaultVersionId).toBe('v3');
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', ZONE)).toBe(false);
    expect(iam.isAllowed(caller, 'route53:GetHostedZone', OTHER_ZONE)).toBe(true);
  });

  it('never reuses a deleted version id, and refuses a malformed version document', () => {
    const { iam } = setup();
    const policy = iam.createPolicy({ policyName: 'p', path: '/', document: ALLOW_ZONE, tags: [] });
    iam.createPolicyVersion(policy.arn, ALLOW_ZONE, false);
    iam.deletePolicyVersion(policy.arn, 'v2');
    expect(iam.createPolicyVersion(policy.arn, ALLOW_ZONE, false).versionId).toBe('v3');
    expect(iam.listPolicyVersions(policy.arn).map((v) => v.versionId)).toEqual(['v1', 'v3']);
    expect(() => iam.createPolicyVersion(policy.arn, '{"Version":', true)).toThrow(
      expect.objectContaining({ code: 'MalformedPolicyDocument', status: 400 }),
    );
    expect(iam.listPolicyVersions(policy.arn)).toHaveLength(2);
  });
});

describe('snapshot', () => {
  it('restores users, policies, attachments and keys from JSON', () => {
    const { iam, advance, user } = setup();
    const policy = iam.createPolicy({ policyName: 'p', path: '/', document: ALLOW_ZONE, tags: [] });
    iam.attachUserPolicy(user.userName, policy.arn);
    const key = iam.createAccessKey(user.userName);
    advance(DELAY_MS);

    const json = JSON.parse(JSON.stringify(iam.snapshot()));
    const restored = createIamState({
      platformCredentials: PLATFORM,
      keyActivationDelayMs: DELAY_MS,
      snapshot: json,
    });
    expect(restored.snapshot()).toEqual(iam.snapshot());
    const caller = restored.resolveCaller(key.accessKeyId)!;
    expect(restored.isAllowed(caller, 'route53:GetHostedZone', ZONE)).toBe(true);
    expect(restored.listAccessKeys(user.userName)[0]?.secretAccessKey).toBe(key.secretAccessKey);
  });

  it('keeps policy versions and the default across a restart', () => {
    const { iam } = setup();
    const policy = iam.createPolicy({ policyName: 'p', path: '/', document: ALLOW_ZONE, tags: [] });
    iam.createPolicyVersion(policy.arn, ALLOW_ZONE.replace('Z1', 'Z2'), true);
    const restored = createIamState({
      platformCredentials: PLATFORM,
      keyActivationDelayMs: 0,
      snapshot: JSON.parse(JSON.stringify(iam.snapshot())),
    });
    expect(restored.getPolicy(policy.arn)).toMatchObject({
      defaultVersionId: 'v2',
      nextVersionNumber: 3,
    });
    expect(restored.getPolicyVersion(policy.arn, 'v2').document).toContain('hostedzone/Z2');
  });

  it('upgrades a snapshot from before policy versions: each policy gets v1', () => {
    const { iam, user } = setup();
    const policy = iam.createPolicy({ policyName: 'p', path: '/', document: ALLOW_ZONE, tags: [] });
    iam.attachUserPolicy(user.userName, policy.arn);
    const current = iam.snapshot();
    const old = {
      ...current,
      format: 'zonekeeper-sandbox-iam/1',
      policies: current.policies.map(({ versions, ...rest }) => {
        const { defaultVersionId: _d, nextVersionNumber: _n, ...v1Policy } = rest;
        return { ...v1Policy, document: versions[0]!.document };
      }),
    };
    const restored = createIamState({
      platformCredentials: PLATFORM,
      keyActivationDelayMs: 0,
      snapshot: old as never,
    });
    expect(restored.snapshot()).toEqual(current);
  });

  it('refuses a snapshot of another account', () => {
    const { iam } = setup();
    expect(() =>
      createIamState({
        accountId: '210987654321',
        platformCredentials: PLATFORM,
        keyActivationDelayMs: 0,
        snapshot: iam.snapshot(),
      }),
    ).toThrow(/account/);
  });
});
