import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';
import { registerMember, signIn } from './auth-helpers.ts';

/**
 * Conditional reads (API.md, Conventions): a GET of one resource whose If-None-Match names its
 * current ETag answers 304 Not Modified with that ETag and no body; once the resource changes, the
 * same header gets the new representation.
 */
let t: TestApp;
beforeEach(() => {
  t = buildHttpApp();
});

async function expectNotModified(res: Response, etag: string): Promise<void> {
  expect(res.status).toBe(304);
  expect(res.headers.get('ETag')).toBe(etag);
  expect(await res.text()).toBe('');
}

describe('If-None-Match on a GET of one resource', () => {
  it('answers 304 for a user while it is unchanged, and the new user once it changed', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const first = await t.request('GET', `/api/users/${user.id}`);
    const etag = first.headers.get('ETag') as string;
    expect(etag).toBe('"v1"');

    await expectNotModified(await t.request('GET', `/api/users/${user.id}`, { headers: { 'If-None-Match': etag } }), etag);
    // Weak comparison, lists, and `*` (RFC 9110 13.1.2).
    await expectNotModified(await t.request('GET', `/api/users/${user.id}`, { headers: { 'If-None-Match': `W/${etag}` } }), etag);
    await expectNotModified(await t.request('GET', `/api/users/${user.id}`, { headers: { 'If-None-Match': `"v9", ${etag}` } }), etag);
    await expectNotModified(await t.request('GET', `/api/users/${user.id}`, { headers: { 'If-None-Match': '*' } }), etag);

    expect((await t.request('PATCH', `/api/users/${user.id}`, { json: { name: 'Ada L.' } })).status).toBe(200);
    const changed = await t.request('GET', `/api/users/${user.id}`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).toBe('"v2"');
    expect((await body(changed)).data.name).toBe('Ada L.');
  });

  it('answers 200 for a tag that is not current, or a header that is not a list of tags', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    for (const header of ['"v2"', 'v1', '"v1', '']) {
      const res = await t.request('GET', `/api/users/${user.id}`, { headers: { 'If-None-Match': header } });
      expect(res.status, header).toBe(200);
    }
  });

  it("tags a member's view of a profile by its content, and answers 304 for it", async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com' });
    const member = await registerMember(t);
    const token = (await signIn(t, member.email)).accessToken;
    const first = await t.request('GET', `/api/users/${user.id}`, { as: token });
    const etag = first.headers.get('ETag') as string;
    expect(etag).toMatch(/^W\/"p-/);
    await expectNotModified(await t.request('GET', `/api/users/${user.id}`, { as: token, headers: { 'If-None-Match': etag } }), etag);
  });

  it('never answers 304 with include=posts: its posts change while the user, and its tag, do not', async () => {
    const { user } = await createUserViaApi(t, { name: 'Ada', email: 'ada@example.com', password: 'long-enough-password' });
    const token = (await signIn(t, user.email, 'long-enough-password')).accessToken;
    const created = await t.request('POST', '/api/posts', { json: { title: 'First', body: 'Hello', status: 'published' }, as: token });
    const postId = (await body(created)).data.id as string;
    const path = `/api/users/${user.id}?include=posts`;
    const etag = (await t.request('GET', path)).headers.get('ETag') as string;
    expect(etag).toBe('"v1"');
    expect((await t.request('GET', path, { headers: { 'If-None-Match': etag } })).status).toBe(200);

    expect((await t.request('PATCH', `/api/posts/${postId}`, { json: { title: 'Renamed' }, as: token })).status).toBe(200);
    const after = await t.request('GET', path, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect((await body(after)).data.posts[0].title).toBe('Renamed');
  });

  it('answers 304 for a post and for /api/auth/me', async () => {
    const member = await registerMember(t);
    const token = (await signIn(t, member.email)).accessToken;
    const created = await t.request('POST', '/api/posts', { json: { title: 'Mine', body: 'Text' }, as: token });
    const postId = (await body(created)).data.id as string;
    const postTag = (await t.request('GET', `/api/posts/${postId}`, { as: token })).headers.get('ETag') as string;
    await expectNotModified(await t.request('GET', `/api/posts/${postId}`, { as: token, headers: { 'If-None-Match': postTag } }), postTag);

    const meTag = (await t.request('GET', '/api/auth/me', { as: token })).headers.get('ETag') as string;
    await expectNotModified(await t.request('GET', '/api/auth/me', { as: token, headers: { 'If-None-Match': meTag } }), meTag);
  });
});
