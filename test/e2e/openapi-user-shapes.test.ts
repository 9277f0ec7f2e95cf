import { beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';
import { registerMember, signIn } from './auth-helpers.ts';

/**
 * /openapi.json documents both shapes of a user (API.md, "Who sees what"), and what the app
 * answers fits them: each user in a read matches exactly one branch of the `oneOf`, the right one.
 */

let t: TestApp;
let doc: Json;
let memberToken: string;
let memberId: string;

beforeAll(async () => {
  t = buildHttpApp();
  doc = await body(await t.request('GET', '/openapi.json', { as: null }));
  await createUserViaApi(t, { name: 'Other', email: 'other@example.com' });
  const member = await registerMember(t, 'Reader');
  memberId = member.id;
  memberToken = (await signIn(t, member.email)).accessToken;
});

const deref = (schema: Json): Json => (schema.$ref ? deref(doc.components.schemas[(schema.$ref as string).split('/').pop() as string]) : schema);

/**
 * Whether `value` fits `schema`, for the keywords these schemas use (type, required, enum,
 * properties, items, additionalProperties: false). Not a full validator: enough to tell the
 * two user shapes apart, and to fail if either drifted from what the app sends.
 */
function fits(schema: Json, value: unknown): boolean {
  const s = deref(schema);
  if (s.oneOf) return (s.oneOf as Json[]).filter((branch) => fits(branch, value)).length === 1;
  if (s.enum && !(s.enum as unknown[]).includes(value)) return false;
  if (s.type === 'string') return typeof value === 'string';
  if (s.type === 'integer' || s.type === 'number') return typeof value === 'number';
  if (s.type === 'array') return Array.isArray(value) && value.every((item) => fits(s.items as Json, item));
  if (s.type !== 'object') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Json;
  const properties = (s.properties ?? {}) as Json;
  if (!((s.required ?? []) as string[]).every((key) => key in object)) return false;
  if (s.additionalProperties === false && Object.keys(object).some((key) => !(key in properties))) return false;
  return Object.entries(object).every(([key, item]) => !(key in properties) || fits(properties[key] as Json, item));
}

const successSchema = (path: string, status = '200'): Json => doc.paths[path].get.responses[status].content['application/json'].schema;
const shapes = () => [doc.components.schemas.User, doc.components.schemas.PublicProfile] as Json[];

describe('the user shapes in /openapi.json', () => {
  it('names User and PublicProfile; a profile is closed and holds id, name and createdAt (and posts under include)', () => {
    const [user, profile] = shapes() as [Json, Json];
    expect(user.required).toEqual(expect.arrayContaining(['id', 'name', 'email', 'status', 'role', 'createdAt', 'updatedAt']));
    expect(profile.additionalProperties).toBe(false);
    expect(Object.keys(profile.properties).sort()).toEqual(['createdAt', 'id', 'name', 'posts']);
    expect([...profile.required].sort()).toEqual(['createdAt', 'id', 'name']);
    expect(profile.properties.posts.items).toEqual({ $ref: '#/components/schemas/Post' });
  });

  it('answers get and list with a oneOf of the two, and the writes with the User only', () => {
    const either = { oneOf: [{ $ref: '#/components/schemas/User' }, { $ref: '#/components/schemas/PublicProfile' }] };
    expect(deref(successSchema('/api/users/{id}')).properties.data).toEqual(either);
    expect(deref(successSchema('/api/users')).properties.data.items).toEqual(either);
    const created = deref(doc.paths['/api/users'].post.responses['201'].content['application/json'].schema);
    expect(created.properties.data).toEqual({ $ref: '#/components/schemas/User' });
    expect(deref(successSchema('/api/auth/me')).properties.data).toEqual({ $ref: '#/components/schemas/User' });
  });

  it('tells the two apart: a full user is no profile, a profile is no user', () => {
    const [user, profile] = shapes() as [Json, Json];
    const full = { id: 'x', name: 'n', email: 'e@example.com', status: 'active', role: 'member', createdAt: 'c', updatedAt: 'u' };
    const publicOnly = { id: 'x', name: 'n', createdAt: 'c' };
    expect([fits(user, full), fits(profile, full)]).toEqual([true, false]);
    expect([fits(user, publicOnly), fits(profile, publicOnly)]).toEqual([false, true]);
    expect(fits(profile, { ...publicOnly, email: 'e@example.com' })).toBe(false);
  });

  it('documents users:export on the export, users:read on the reads', () => {
    expect(doc.paths['/api/users/exports'].post['x-permission']).toBe('users:export');
    expect(doc.paths['/api/users'].get['x-permission']).toBe('users:read');
    expect(doc.paths['/api/users/{id}'].get['x-permission']).toBe('users:read');
  });
});

describe('what the app answers fits the document', () => {
  it.each([
    ['a member', () => memberToken, '/api/users?limit=100'],
    ['a member', () => memberToken, '/api/users?limit=100&include=posts'],
    ['an admin', () => undefined, '/api/users?limit=100'],
    ['an admin', () => undefined, '/api/users?limit=100&include=posts'],
  ])('%s listing %s', async (_who, token, path) => {
    const res = await t.request('GET', path, { as: token() });
    expect(res.status).toBe(200);
    const page = await body(res);
    expect(fits(successSchema('/api/users'), page)).toBe(true);
    const [user, profile] = shapes() as [Json, Json];
    for (const item of page.data as Json[]) {
      const expectFull = token() === undefined || item.id === memberId;
      expect([fits(user, item), fits(profile, item)], item.name).toEqual([expectFull, !expectFull]);
    }
  });

  it('a member getting another user, itself, and an admin getting anyone', async () => {
    const other = t.admin.id;
    for (const [path, token, full] of [
      [`/api/users/${other}`, memberToken, false],
      [`/api/users/${other}?include=posts`, memberToken, false],
      [`/api/users/${memberId}`, memberToken, true],
      [`/api/users/${memberId}`, undefined, true],
    ] as const) {
      const found = await body(await t.request('GET', path, { as: token }));
      expect(fits(successSchema('/api/users/{id}'), found), path).toBe(true);
      const [user, profile] = shapes() as [Json, Json];
      expect([fits(user, found.data), fits(profile, found.data)], path).toEqual([full, !full]);
    }
  });
});
