import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { snapshotUsers } from './auth-helpers.ts';

/**
 * Every users route for every kind of caller (BOLA and BFLA, OWASP API1 and API5), as API.md
 * states it: members hold users:read and may change only themselves, never their role or status;
 * users:write and users:delete are the admin's. Every refused write must leave the table as it was.
 */

type Caller = 'anonymous' | 'member' | 'admin';
/** Whose id is in the path: the caller's own, another member's, one that names nobody, or not an id at all. */
type Target = 'none' | 'self' | 'other' | 'unknown' | 'malformed';
type Row = [method: string, target: Target, caller: Caller, status: number, message?: string | RegExp, body?: Body];
/** A request body made for the target user, with a few words for the test's title. */
type Body = { says: string; make: (target: User) => Record<string, unknown> };

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const NOT_OTHERS = 'Not allowed to change another user';

const fixed = (json: Record<string, unknown>): Body => ({ says: JSON.stringify(json), make: () => json });
const newUser: Body = { says: 'a new user', make: () => ({ name: 'Created', email: 'created@example.com' }) };
const rename = fixed({ name: 'Renamed' });
/** A full PUT body that repeats the target's role and status (a member's), or changes some. */
const replaceWith = (changes: Record<string, string> = {}): Body => ({
  says: `full body${Object.keys(changes).length ? `, ${JSON.stringify(changes)}` : ', role and status unchanged'}`,
  make: (u) => ({ name: 'Replaced', email: u.email, role: 'member', status: 'active', ...changes }),
});
const replace = replaceWith();

const MATRIX: Row[] = [
  // GET /api/users
  ['GET', 'none', 'anonymous', 401],
  ['GET', 'none', 'member', 200],
  ['GET', 'none', 'admin', 200],
  // GET /api/users/:id
  ['GET', 'self', 'anonymous', 401],
  ['GET', 'self', 'member', 200],
  ['GET', 'other', 'member', 200],
  ['GET', 'other', 'admin', 200],
  // POST /api/users
  ['POST', 'none', 'anonymous', 401, undefined, newUser],
  ['POST', 'none', 'member', 403, 'Missing permission: users:write', newUser],
  ['POST', 'none', 'admin', 201, undefined, newUser],
  // The guard decides before the body is validated: a member learns nothing about what a create takes.
  ['POST', 'none', 'member', 403, 'Missing permission: users:write', fixed({ bogus: true })],
  // PUT /api/users/:id
  ['PUT', 'other', 'anonymous', 401, undefined, replace],
  ['PUT', 'self', 'member', 200, undefined, replace],
  ['PUT', 'self', 'member', 403, /^Not allowed to change your own role/, replaceWith({ role: 'admin' })],
  ['PUT', 'self', 'member', 403, /^Not allowed to change your own status/, replaceWith({ status: 'inactive' })],
  ['PUT', 'other', 'member', 403, NOT_OTHERS, replace],
  ['PUT', 'unknown', 'member', 403, NOT_OTHERS, replace],
  ['PUT', 'other', 'admin', 200, undefined, replaceWith({ role: 'admin', status: 'suspended' })],
  // PATCH /api/users/:id
  ['PATCH', 'other', 'anonymous', 401, undefined, rename],
  ['PATCH', 'self', 'member', 200, undefined, rename],
  ['PATCH', 'self', 'member', 403, /^Not allowed to change your own role/, fixed({ role: 'admin' })],
  ['PATCH', 'self', 'member', 403, /^Not allowed to change your own status/, fixed({ status: 'suspended' })],
  ['PATCH', 'self', 'member', 403, /^Not allowed to change your own role/, fixed({ name: 'Sneaky', role: 'admin' })],
  ['PATCH', 'other', 'member', 403, NOT_OTHERS, rename],
  ['PATCH', 'unknown', 'member', 403, NOT_OTHERS, rename],
  ['PATCH', 'malformed', 'member', 403, NOT_OTHERS, rename],
  ['PATCH', 'other', 'admin', 200, undefined, fixed({ role: 'admin' })],
  // DELETE /api/users/:id
  ['DELETE', 'other', 'anonymous', 401],
  ['DELETE', 'self', 'member', 403, 'Missing permission: users:delete'],
  ['DELETE', 'other', 'member', 403, 'Missing permission: users:delete'],
  ['DELETE', 'malformed', 'member', 403, 'Missing permission: users:delete'],
  ['DELETE', 'other', 'admin', 204],
];

let t: TestApp;
let member: User;
let other: User;
let memberToken: string;

beforeEach(async () => {
  t = buildHttpApp();
  member = aUser().withName('Member').build();
  other = aUser().withName('Other').build();
  for (const user of [member, other]) t.uow.users.rows.set(user.id, user);
  memberToken = await t.tokenFor(member);
});

function pathFor(target: Target): string {
  const id = { none: '', self: `/${member.id}`, other: `/${other.id}`, unknown: `/${UNKNOWN_ID}`, malformed: '/not-an-id' }[target];
  return `/api/users${id}`;
}

const tokenOf = (caller: Caller): string | null | undefined => ({ anonymous: null, member: memberToken, admin: undefined })[caller];

describe('users routes by caller', () => {
  const cases = MATRIX.map((row) => ({ row, title: title(row) }));
  it.each(cases)('$title', async ({ row: [method, target, caller, status, message, makeBody] }) => {
    const before = snapshotUsers(t);
    const res = await t.request(method, pathFor(target), { as: tokenOf(caller), json: makeBody?.make(target === 'self' ? member : other) });

    expect(res.status).toBe(status);
    if (status === 401) expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    if (status >= 400) {
      const { error } = await body(res);
      expect(error.code).toBe(status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
      if (message !== undefined) expect(error.message).toMatch(message instanceof RegExp ? message : new RegExp(`^${escape(message)}$`));
    }
    // A refused write changes nothing: no row added, removed or altered.
    if (status >= 400 && method !== 'GET') expect(snapshotUsers(t)).toEqual(before);
  });
});

describe('what the allowed writes did', () => {
  it("a member's PATCH on itself changed its name only", async () => {
    await t.request('PATCH', pathFor('self'), { as: memberToken, json: { name: 'Renamed' } });
    expect(t.uow.users.rows.get(member.id)).toMatchObject({ name: 'Renamed', role: 'member', status: 'active' });
  });

  it("a member's PATCH repeating its own role and status is no change of them", async () => {
    const res = await t.request('PATCH', pathFor('self'), { as: memberToken, json: { role: 'member', status: 'active' } });
    expect(res.status).toBe(200);
    expect(t.uow.users.rows.get(member.id)).toMatchObject({ role: 'member', status: 'active' });
  });

  it("an admin's PUT set another user's role and status", async () => {
    await t.request('PUT', pathFor('other'), { json: replaceWith({ role: 'admin', status: 'suspended' }).make(other) });
    expect(t.uow.users.rows.get(other.id)).toMatchObject({ name: 'Replaced', role: 'admin', status: 'suspended' });
  });

  it("an admin's DELETE removed exactly that user", async () => {
    await t.request('DELETE', pathFor('other'));
    expect([...t.uow.users.rows.keys()].sort()).toEqual([t.admin.id, member.id].sort());
  });
});

/** `PATCH another user ({"name":"Renamed"}) as member: 403`. */
function title([method, target, caller, status, , sent]: Row): string {
  const path = { none: '/api/users', self: 'itself', other: 'another user', unknown: 'an unknown id', malformed: 'a malformed id' }[target];
  return `${method} ${path}${sent ? ` (${sent.says})` : ''} as ${caller}: ${status}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
