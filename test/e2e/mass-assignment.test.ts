import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { buildHttpApp, storedMember, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { PASSWORD, snapshotUsers } from './auth-helpers.ts';

/**
 * Mass assignment (OWASP API3): a property the caller may not set is a 400 naming it, never
 * silently dropped and never applied, so a client learns at once and the table stays as it was.
 */

let t: TestApp;
let member: User;
let memberToken: string;

beforeEach(async () => {
  t = buildHttpApp();
  ({ member, token: memberToken } = await storedMember(t));
});

/** A 400 VALIDATION_ERROR whose fields name exactly `names` as unknown properties. */
async function expectUnknownProperties(res: Response, names: string[]): Promise<void> {
  expect(res.status).toBe(400);
  const { error } = await body(res);
  expect(error.code).toBe('VALIDATION_ERROR');
  expect(error.fields).toEqual(Object.fromEntries(names.map((name) => [name, `"${name}" is not a known property`])));
}

const SCRYPT_LOOKING_HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';

describe('POST /api/auth/register', () => {
  it.each([
    ['role', 'admin'],
    ['status', 'suspended'],
    ['id', '01890a5d-ac96-774b-bcce-b302099a8057'],
    ['createdAt', '1999-01-01T00:00:00.000Z'],
    ['passwordHash', SCRYPT_LOOKING_HASH],
    ['version', 7],
    ['isAdmin', true],
  ])('refuses %s and stores nothing', async (name, value) => {
    const before = snapshotUsers(t);
    const json = { name: 'Mallory', email: 'mallory@example.com', password: PASSWORD, [name]: value };
    await expectUnknownProperties(await t.request('POST', '/api/auth/register', { json, as: null }), [name]);
    expect(snapshotUsers(t)).toEqual(before);
  });
});

describe("a member's PATCH on itself", () => {
  it.each([
    ['id', '01890a5d-ac96-774b-bcce-b302099a8057'],
    ['createdAt', '1999-01-01T00:00:00.000Z'],
    ['updatedAt', '1999-01-01T00:00:00.000Z'],
    ['version', 99],
    ['passwordHash', SCRYPT_LOOKING_HASH],
  ])('refuses %s, next to an allowed change, and leaves the row as it was', async (name, value) => {
    const before = snapshotUsers(t);
    const res = await t.request('PATCH', `/api/users/${member.id}`, { json: { name: 'Renamed', [name]: value }, as: memberToken });
    await expectUnknownProperties(res, [name]);
    expect(snapshotUsers(t)).toEqual(before);
  });

  it('names every unknown property at once', async () => {
    const json = { id: 'x', createdAt: 'x', updatedAt: 'x', version: 1, passwordHash: 'x' };
    const res = await t.request('PATCH', `/api/users/${member.id}`, { json, as: memberToken });
    await expectUnknownProperties(res, Object.keys(json));
  });
});

describe('an admin', () => {
  it('cannot set passwordHash with PATCH or POST either', async () => {
    const before = snapshotUsers(t);
    await expectUnknownProperties(await t.request('PATCH', `/api/users/${member.id}`, { json: { passwordHash: SCRYPT_LOOKING_HASH } }), ['passwordHash']);
    const create = { name: 'Planted', email: 'planted@example.com', passwordHash: SCRYPT_LOOKING_HASH };
    await expectUnknownProperties(await t.request('POST', '/api/users', { json: create }), ['passwordHash']);
    const replace = { name: 'M', email: member.email, role: 'member', status: 'active', passwordHash: SCRYPT_LOOKING_HASH };
    await expectUnknownProperties(await t.request('PUT', `/api/users/${member.id}`, { json: replace }), ['passwordHash']);
    expect(snapshotUsers(t)).toEqual(before);
  });
});
