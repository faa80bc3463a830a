// The permission table and the reading of roles from claims.
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, roleHas } from '@/server/auth/permissions';
import { groupsFromClaims, isNamedOperator, roleFromClaims } from '@/server/auth/role-from-claims';

const settings = { roleClaim: 'groups', adminGroup: 'zonekeeper-admins' };

describe('permissions', () => {
  it('gives platform operators every permission', () => {
    expect(PERMISSIONS.every((p) => roleHas('platform-operator', p))).toBe(true);
  });

  it('keeps platform-wide powers from org admins and everything but reading from viewers', () => {
    for (const p of ['orgs.create', 'orgs.delete', 'gc.approve', 'cost.read'] as const) {
      expect(roleHas('admin', p), p).toBe(false);
    }
    expect(ROLE_PERMISSIONS.viewer).toEqual(['orgs.read', 'clusters.read', 'records.read']);
  });

  it('lets org admins manage their org', () => {
    for (const p of [
      'clusters.write',
      'credentials.rotate',
      'provisioning.retry',
      'idp.manage',
      'members.manage',
    ] as const) {
      expect(roleHas('admin', p), p).toBe(true);
    }
  });
});

describe('roles from claims', () => {
  it.each([
    [{ groups: ['zonekeeper-admins'] }, 'admin'],
    [{ groups: 'dev zonekeeper-admins' }, 'admin'],
    [{ groups: 'dev,zonekeeper-admins' }, 'admin'],
    [{ groups: ['zonekeeper-admins-not'] }, 'viewer'],
    [{ groups: 42 }, 'viewer'],
    [{}, 'viewer'],
  ])('reads %j as %s', (claims, role) => {
    expect(roleFromClaims(claims, settings)).toBe(role);
  });

  it('reads the configured claim, not always `groups`', () => {
    expect(roleFromClaims({ roles: ['zk'] }, { roleClaim: 'roles', adminGroup: 'zk' })).toBe(
      'admin',
    );
    expect(groupsFromClaims({ groups: ['zk'] }, 'roles')).toEqual([]);
  });

  it('names operators by a verified email (ASCII case-insensitively) or by group', () => {
    const operators = { operatorEmails: ['Pat@Platform.test'], operatorGroups: ['ops'] };
    const person = (email: string, emailVerified: boolean, groups: string[] = []) =>
      isNamedOperator({ email, emailVerified, groups }, operators);
    expect(person('pat@platform.test', true)).toBe(true);
    expect(person('x@platform.test', false, ['ops'])).toBe(true);
    expect(person('x@platform.test', true, ['dev'])).toBe(false);
  });

  it('never names an operator by an unverified email', () => {
    const operators = { operatorEmails: ['pat@platform.test'], operatorGroups: [] };
    expect(
      isNamedOperator({ email: 'pat@platform.test', emailVerified: false, groups: [] }, operators),
    ).toBe(false);
  });

  it('refuses look-alikes that Unicode case folding would turn into the listed address', () => {
    // U+212A KELVIN SIGN lower-cases to "k"; U+0130 to "i̇"; fullwidth letters stay distinct.
    const operators = { operatorEmails: ['kim@platform.test'], operatorGroups: [] };
    for (const email of [
      '\u212Aim@platform.test',
      'k\u0131m@platform.test',
      'ｋim@platform.test',
    ]) {
      expect(isNamedOperator({ email, emailVerified: true, groups: [] }, operators)).toBe(false);
    }
  });
});
