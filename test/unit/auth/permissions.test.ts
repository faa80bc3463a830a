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
    for (const p of ['orgs.create', 'orgs.delete', 'gc.approve'] as const) {
      expect(roleHas('admin', p), p).toBe(false);
    }
    expect(ROLE_PERMISSIONS.viewer).toEqual(['orgs.read', 'clusters.read']);
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

  it('names operators by email case-insensitively or by group', () => {
    const operators = { emails: ['Pat@Platform.test'], groups: ['ops'] };
    expect(isNamedOperator('pat@platform.test', [], operators)).toBe(true);
    expect(isNamedOperator('x@platform.test', ['ops'], operators)).toBe(true);
    expect(isNamedOperator('x@platform.test', ['dev'], operators)).toBe(false);
  });
});
