import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOf, roleHasPermission } from '../../../src/domain/permissions.ts';

const ALL = ['users:read', 'users:write', 'users:delete', 'users:export', 'posts:read', 'posts:write', 'posts:delete'];
const MEMBER = ['users:read', 'posts:read', 'posts:write'];

describe('permissions', () => {
  it('names exactly the seven permissions of the contract', () => {
    expect([...PERMISSIONS].sort()).toEqual([...ALL].sort());
  });

  it('an admin holds all seven', () => {
    expect([...permissionsOf('admin')].sort()).toEqual([...ALL].sort());
    for (const permission of PERMISSIONS) expect(roleHasPermission('admin', permission)).toBe(true);
  });

  it('a member holds exactly users:read, posts:read and posts:write: not users:export', () => {
    expect(roleHasPermission('member', 'users:export')).toBe(false);
    expect([...permissionsOf('member')].sort()).toEqual([...MEMBER].sort());
    for (const permission of PERMISSIONS) expect(roleHasPermission('member', permission)).toBe(MEMBER.includes(permission));
  });

  it('hands out a copy: changing the returned list grants nothing', () => {
    const granted = permissionsOf('member') as string[];
    granted.push('users:delete');
    expect(roleHasPermission('member', 'users:delete')).toBe(false);
    expect(permissionsOf('member')).toHaveLength(3);
  });
});
