import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';
import { registerMember, signIn, type Account } from './auth-helpers.ts';

/**
 * API.md, "Who sees what", played as the attack that prompted it: anyone may register, so a
 * member's token is all an attacker needs. It must not learn any other user's email, role or
 * status, nor which users are admins, through any read of the user directory.
 */

const PROFILE_KEYS = ['createdAt', 'id', 'name'];
const USER_KEYS = ['createdAt', 'email', 'id', 'name', 'role', 'status', 'updatedAt'];
/** The admins' addresses share a fragment no name holds: a search that found it would leak them. */
const CHIEF = { name: 'Grace Chief', email: 'grace.secret-ops@corp.example', role: 'admin', status: 'active' };
const SUSPENDED = { name: 'Sam Suspended', email: 'sam.secret-ops@corp.example', role: 'member', status: 'suspended' };

let t: TestApp;
let chief: Json;
let attacker: Account;
let token: string;

beforeAll(async () => {
  t = buildHttpApp();
  chief = (await createUserViaApi(t, CHIEF)).user;
  await createUserViaApi(t, SUSPENDED);
  attacker = await registerMember(t, 'Mallory');
  token = (await signIn(t, attacker.email)).accessToken;
  // A post of the admin's, so that include=posts has something to embed.
  const post = await t.request('POST', '/api/posts', { json: { title: 'Hello', body: 'From the chief', status: 'published' }, as: await t.tokenFor(chief as Pick<User, 'id' | 'email' | 'role'>) });
  expect(post.status).toBe(201);
});

const asAttacker = (path: string) => t.request('GET', path, { as: token });

/** Every email the service holds but the attacker's own: none may appear in what it is sent. */
function othersEmails(): string[] {
  return [...t.uow.users.rows.values()].map((user) => user.email).filter((email) => email !== attacker.email);
}

async function expectNoOtherEmail(res: Response): Promise<Json> {
  const text = await res.text();
  for (const email of othersEmails()) expect(text).not.toContain(email);
  expect(text).not.toMatch(/"(role|status|updatedAt)"\s*:\s*"(admin|suspended)"/);
  return JSON.parse(text) as Json;
}

async function expectForbidden(res: Response, message: string): Promise<void> {
  expect(res.status).toBe(403);
  expect(await body(res)).toEqual({ error: { code: 'FORBIDDEN', message } });
}

describe('a registered member reading the directory', () => {
  it('lists other users as public profiles only, itself in full, and no email but its own', async () => {
    const res = await asAttacker('/api/users?limit=100');
    expect(res.status).toBe(200);
    const { data, pagination } = await expectNoOtherEmail(res);
    expect(pagination.total).toBe(t.uow.users.rows.size);
    for (const user of data as Json[]) {
      expect(Object.keys(user).sort(), user.name).toEqual(user.id === attacker.id ? USER_KEYS : PROFILE_KEYS);
    }
    expect(data.find((user: Json) => user.id === attacker.id)).toMatchObject({ email: attacker.email, role: 'member' });
    expect(data.find((user: Json) => user.id === chief.id)).toEqual({ id: chief.id, name: CHIEF.name, createdAt: chief.createdAt });
  });

  it.each([
    ['role=admin', 'Not allowed to filter users by role'],
    ['role=member', 'Not allowed to filter users by role'],
    ['status=suspended', 'Not allowed to filter users by status'],
    ['status=active&search=Grace', 'Not allowed to filter users by status'],
    ['sort=email', 'Not allowed to sort users by email'],
    ['sort=-email', 'Not allowed to sort users by email'],
    ['sort=name,-email', 'Not allowed to sort users by email'],
    // The order alone would tell when each user last changed (a password, a suspension).
    ['sort=updatedAt', 'Not allowed to sort users by updatedAt'],
    ['sort=name,-updatedAt', 'Not allowed to sort users by updatedAt'],
  ])('may not ask ?%s: 403 FORBIDDEN', async (query, message) => {
    await expectForbidden(await asAttacker(`/api/users?${query}`), message);
  });

  it('still gets 400, not 403, for a filter value that is not even valid', async () => {
    const res = await asAttacker('/api/users?role=root');
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toHaveProperty('role');
  });

  it('searches names only: an email fragment finds nobody, a name finds the profile', async () => {
    for (const fragment of ['secret-ops', 'corp.example', 'grace.secret', '@']) {
      const { data, pagination } = await expectNoOtherEmail(await asAttacker(`/api/users?search=${encodeURIComponent(fragment)}`));
      expect(data, fragment).toEqual([]);
      expect(pagination.total, fragment).toBe(0);
    }
    const { data } = await expectNoOtherEmail(await asAttacker('/api/users?search=grace'));
    expect(data).toEqual([{ id: chief.id, name: CHIEF.name, createdAt: chief.createdAt }]);
  });

  it('gets another user by id as a public profile, with a weak ETag that no If-Match accepts', async () => {
    const res = await asAttacker(`/api/users/${chief.id}`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('ETag') as string;
    expect(etag).toMatch(/^W\/"p-[0-9a-f]{24}"$/);
    expect((await expectNoOtherEmail(res)).data).toEqual({ id: chief.id, name: CHIEF.name, createdAt: chief.createdAt });
    // The same profile, the same tag: it follows what the profile shows, so caches can use it.
    expect((await asAttacker(`/api/users/${chief.id}`)).headers.get('ETag')).toBe(etag);
    // A weak tag never satisfies If-Match, even an admin's write: a profile is not what a write replaces.
    const write = await t.request('PATCH', `/api/users/${chief.id}`, { json: { name: 'Renamed' }, headers: { 'If-Match': etag } });
    expect(write.status).toBe(412);
  });

  it('gets public profiles under include=posts, in lists and by id, with the posts embedded', async () => {
    const one = await expectNoOtherEmail(await asAttacker(`/api/users/${chief.id}?include=posts`));
    expect(Object.keys(one.data).sort()).toEqual([...PROFILE_KEYS, 'posts'].sort());
    expect(one.data.posts.map((post: Json) => post.title)).toEqual(['Hello']);
    const list = await expectNoOtherEmail(await asAttacker('/api/users?include=posts&limit=100'));
    for (const user of list.data as Json[]) {
      const expected = user.id === attacker.id ? USER_KEYS : PROFILE_KEYS;
      expect(Object.keys(user).sort(), user.name).toEqual([...expected, 'posts'].sort());
    }
  });

  it('may not start an export: 403 Missing permission: users:export, and nothing is queued', async () => {
    const jobs = t.uow.jobs.rows.size;
    await expectForbidden(await t.request('POST', '/api/users/exports', { json: {}, as: token }), 'Missing permission: users:export');
    await expectForbidden(await t.request('POST', '/api/users/exports', { json: { role: 'admin' }, as: token }), 'Missing permission: users:export');
    expect(t.uow.jobs.rows.size).toBe(jobs);
  });

  it('cannot read an email or a hidden timestamp out of a cursor, nor use an admin\'s cursor', async () => {
    // A cursor carries the last row's sort values: sealed, not merely signed, so none can be read.
    const hidden = [...t.uow.users.rows.values()].filter((user) => user.id !== attacker.id).flatMap((user) => [user.email, user.updatedAt.toISOString()]);
    for (const sort of ['name', '-name', 'createdAt', '-createdAt,name']) {
      const res = await asAttacker(`/api/users?limit=1&sort=${sort}`);
      const cursor = (await body(res)).pagination.nextCursor as string;
      const readable = cursor.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1')).join(' ');
      for (const value of hidden) expect(readable, sort).not.toContain(value);
    }
    const adminPage = await body(await t.request('GET', '/api/users?limit=1&sort=name'));
    const reused = await asAttacker(`/api/users?limit=1&sort=name&cursor=${encodeURIComponent(adminPage.pagination.nextCursor)}`);
    expect(reused.status).toBe(400);
    expect((await body(reused)).error.fields).toHaveProperty('cursor');
  });

  it('sees itself in full: by id with its strong ETag, and in /api/auth/me', async () => {
    const own = await asAttacker(`/api/users/${attacker.id}`);
    expect(own.headers.get('ETag')).toBe('"v1"');
    expect(Object.keys((await body(own)).data).sort()).toEqual(USER_KEYS);
    const me = await asAttacker('/api/auth/me');
    expect((await body(me)).data).toMatchObject({ id: attacker.id, email: attacker.email, role: 'member', status: 'active' });
  });
});

describe('an admin reading the directory', () => {
  it('sees every user in full, and may filter by role and status, sort by email and search emails', async () => {
    const all = await body(await t.request('GET', '/api/users?limit=100'));
    for (const user of all.data as Json[]) expect(Object.keys(user).sort(), user.name).toEqual(USER_KEYS);
    const admins = await body(await t.request('GET', '/api/users?role=admin&sort=email'));
    expect(admins.data.map((user: Json) => user.email)).toEqual([CHIEF.email, t.admin.email].sort());
    const suspended = await body(await t.request('GET', '/api/users?status=suspended'));
    expect(suspended.data.map((user: Json) => user.email)).toEqual([SUSPENDED.email]);
    const byEmail = await body(await t.request('GET', '/api/users?search=secret-ops&sort=-email'));
    expect(byEmail.data.map((user: Json) => user.email)).toEqual([SUSPENDED.email, CHIEF.email]);
  });

  it('gets any user in full with its strong ETag, and may export', async () => {
    const res = await t.request('GET', `/api/users/${attacker.id}`);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect((await body(res)).data).toMatchObject({ id: attacker.id, email: attacker.email, role: 'member', status: 'active' });
    expect((await t.request('POST', '/api/users/exports', { json: { role: 'admin' } })).status).toBe(202);
  });
});
