import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { buildHttpApp, storedMember, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POST_NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'Post not found' } };

let t: TestApp;
let member: User;
let memberToken: string;

beforeEach(async () => {
  t = buildHttpApp();
  ({ member, token: memberToken } = await storedMember(t));
});

/** A deep copy of the posts table, to prove a refused write changed nothing. */
const snapshotPosts = () => structuredClone([...t.uow.posts.rows.entries()]);

/** Writes a post as the member through the API; returns its JSON and ETag. */
async function createPost(json: Record<string, unknown> = { title: 'Hello', body: 'World' }): Promise<{ post: Json; etag: string }> {
  const res = await t.request('POST', '/api/posts', { as: memberToken, json });
  expect(res.status, await res.clone().text()).toBe(201);
  return { post: (await body(res)).data as Json, etag: res.headers.get('ETag') ?? '' };
}

describe('POST /api/posts', () => {
  it('answers 201 with the post, Location and ETag; the caller is the author, a draft by default', async () => {
    const res = await t.request('POST', '/api/posts', { as: memberToken, json: { title: '  Hello, world  ', body: 'Line one\n\tLine two' } });
    expect(res.status).toBe(201);
    const { data } = await body(res);
    expect(Object.keys(data).sort()).toEqual(['authorId', 'body', 'createdAt', 'id', 'status', 'title', 'updatedAt']);
    expect(data).toMatchObject({ authorId: member.id, title: 'Hello, world', body: 'Line one\n\tLine two', status: 'draft' });
    expect(data.id).toMatch(UUID_V7);
    expect(data.createdAt).toMatch(ISO);
    expect(data.updatedAt).toBe(data.createdAt);
    expect(res.headers.get('Location')).toBe(`/api/posts/${data.id}`);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(t.uow.posts.rows.get(data.id)).toMatchObject({ authorId: member.id, title: 'Hello, world', version: 1 });
  });

  it('takes status published, and an empty body', async () => {
    const { post } = await createPost({ title: 'Out now', body: '', status: 'published' });
    expect(post).toMatchObject({ status: 'published', body: '' });
  });

  it("makes the admin the author of the admin's post", async () => {
    const res = await t.request('POST', '/api/posts', { json: { title: 'From the admin', body: '' } });
    expect(res.status).toBe(201);
    expect((await body(res)).data.authorId).toBe(t.admin.id);
  });

  it.each([
    ['authorId', () => ({ authorId: t.admin.id })],
    ['id', () => ({ id: UNKNOWN_ID })],
    ['createdAt', () => ({ createdAt: '2000-01-01T00:00:00.000Z' })],
    ['updatedAt', () => ({ updatedAt: '2000-01-01T00:00:00.000Z' })],
    ['version', () => ({ version: 99 })],
  ])('refuses the unknown property %s with 400 naming it, and stores nothing (no mass assignment)', async (field, extra) => {
    const res = await t.request('POST', '/api/posts', { as: memberToken, json: { title: 'T', body: 'B', ...extra() } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.fields).toEqual({ [field]: `"${field}" is not a known property` });
    expect(t.uow.posts.rows.size).toBe(0);
  });

  it('reports every invalid field at once', async () => {
    const res = await t.request('POST', '/api/posts', { as: memberToken, json: { title: 'x'.repeat(201), body: 'a\u0000b', status: 'archived' } });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields).sort()).toEqual(['body', 'status', 'title']);
    expect(error.fields.title).toBe('Title must be at most 200 characters');
    expect(t.uow.posts.rows.size).toBe(0);
  });

  it('requires title and body', async () => {
    const res = await t.request('POST', '/api/posts', { as: memberToken, json: {} });
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields).sort()).toEqual(['body', 'title']);
  });

  it('takes a 200-emoji title (code points, not UTF-16 units) and refuses a blank one', async () => {
    expect((await createPost({ title: '\u{1F600}'.repeat(200), body: '' })).post.title).toHaveLength(400);
    const blank = await t.request('POST', '/api/posts', { as: memberToken, json: { title: ' \u200B ', body: '' } });
    expect(blank.status).toBe(400);
    expect((await body(blank)).error.fields).toEqual({ title: expect.any(String) });
  });

  it('refuses a query parameter, naming it', async () => {
    const res = await t.request('POST', '/api/posts?authorId=x', { as: memberToken, json: { title: 'T', body: 'B' } });
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toEqual({ authorId: expect.any(String) });
    expect(t.uow.posts.rows.size).toBe(0);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await t.request('POST', '/api/posts', { as: memberToken, json: { title: 'T', body: 'B' }, headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect((await body(res)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(t.uow.posts.rows.size).toBe(0);
  });
});

describe('GET /api/posts/:id', () => {
  it('answers the post with its ETag', async () => {
    const { post } = await createPost();
    const res = await t.request('GET', `/api/posts/${post.id}`, { as: memberToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect((await body(res)).data).toEqual(post);
  });

  it.each([[UNKNOWN_ID], ['not-a-uuid'], ['123'], ['%E2%9C%93'], [`${UNKNOWN_ID}x`]])('answers 404 Post not found for %s', async (id) => {
    const res = await t.request('GET', `/api/posts/${id}`);
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual(POST_NOT_FOUND);
  });
});

describe('PATCH /api/posts/:id', () => {
  it('changes the given fields, answers the post with the next ETag', async () => {
    const { post } = await createPost();
    const res = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { title: ' Renamed ', status: 'published' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v2"');
    const { data } = await body(res);
    expect(data).toEqual({ ...post, title: 'Renamed', status: 'published', updatedAt: expect.stringMatching(ISO) });
    expect(data.updatedAt > post.updatedAt).toBe(true);
    const read = await t.request('GET', `/api/posts/${post.id}`, { as: memberToken });
    expect((await body(read)).data).toEqual(data);
  });

  it('applies with a matching If-Match, and answers 412 on a stale one, changing nothing', async () => {
    const { post, etag } = await createPost();
    const first = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { body: 'First' }, headers: { 'If-Match': etag } });
    expect(first.status).toBe(200);
    expect(first.headers.get('ETag')).toBe('"v2"');
    const before = snapshotPosts();
    const stale = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { body: 'Second' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect((await body(stale)).error.code).toBe('PRECONDITION_FAILED');
    expect(snapshotPosts()).toEqual(before);
    expect(t.uow.posts.rows.get(post.id)).toMatchObject({ body: 'First', version: 2 });
  });

  it('refuses a weak or unquoted If-Match under the strong comparison: 412', async () => {
    const { post } = await createPost();
    for (const ifMatch of ['W/"v1"', 'v1']) {
      const res = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { title: 'x' }, headers: { 'If-Match': ifMatch } });
      expect(res.status).toBe(412);
    }
    const listed = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { title: 'y' }, headers: { 'If-Match': '"v7", "v1"' } });
    expect(listed.status).toBe(200);
    expect(t.uow.posts.rows.get(post.id)).toMatchObject({ title: 'y', version: 2 });
  });

  it('keeps the ETag and updatedAt for a change to nothing', async () => {
    const { post } = await createPost({ title: 'Same', body: 'Same' });
    for (const json of [{}, { title: 'Same', body: 'Same', status: 'draft' }]) {
      const res = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json, headers: { 'If-Match': '"v1"' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('ETag')).toBe('"v1"');
      expect((await body(res)).data).toEqual(post);
    }
  });

  it.each([
    ['authorId', () => ({ authorId: t.admin.id })],
    ['id', () => ({ id: UNKNOWN_ID })],
    ['createdAt', () => ({ createdAt: '2000-01-01T00:00:00.000Z' })],
    ['version', () => ({ version: 7 })],
  ])('refuses %s with 400 naming it, changing nothing', async (field, extra) => {
    const { post } = await createPost();
    const before = snapshotPosts();
    const res = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { title: 'New', ...extra() } });
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toEqual({ [field]: `"${field}" is not a known property` });
    expect(snapshotPosts()).toEqual(before);
  });

  it('refuses an invalid field', async () => {
    const { post } = await createPost();
    const res = await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { title: '', status: 'gone' } });
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields).sort()).toEqual(['status', 'title']);
  });

  it.each([[UNKNOWN_ID], ['not-a-uuid']])('answers 404 Post not found for %s, whatever the body', async (id) => {
    const res = await t.request('PATCH', `/api/posts/${id}`, { as: memberToken, json: { title: 'x' } });
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual(POST_NOT_FOUND);
    if (id === 'not-a-uuid') {
      const bogus = await t.request('PATCH', `/api/posts/${id}`, { as: memberToken, json: { bogus: true } });
      expect(bogus.status).toBe(404);
    }
  });
});

describe('DELETE /api/posts/:id', () => {
  it('answers 204 with no body; then the post is gone: GET and a second DELETE are 404', async () => {
    const { post } = await createPost();
    const res = await t.request('DELETE', `/api/posts/${post.id}`, { as: memberToken });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(t.uow.posts.rows.has(post.id)).toBe(false);
    const read = await t.request('GET', `/api/posts/${post.id}`, { as: memberToken });
    expect(read.status).toBe(404);
    expect(await body(read)).toEqual(POST_NOT_FOUND);
    const again = await t.request('DELETE', `/api/posts/${post.id}`, { as: memberToken });
    expect(again.status).toBe(404);
    expect(await body(again)).toEqual(POST_NOT_FOUND);
  });

  it('honours If-Match: 412 on a stale ETag (the post stays), 204 on the current one', async () => {
    const { post } = await createPost();
    await t.request('PATCH', `/api/posts/${post.id}`, { as: memberToken, json: { title: 'v2' } });
    const stale = await t.request('DELETE', `/api/posts/${post.id}`, { as: memberToken, headers: { 'If-Match': '"v1"' } });
    expect(stale.status).toBe(412);
    expect(t.uow.posts.rows.has(post.id)).toBe(true);
    const current = await t.request('DELETE', `/api/posts/${post.id}`, { as: memberToken, headers: { 'If-Match': '"v2"' } });
    expect(current.status).toBe(204);
    expect(t.uow.posts.rows.has(post.id)).toBe(false);
  });

  it.each([[UNKNOWN_ID], ['not-a-uuid']])('answers 404 Post not found for %s', async (id) => {
    const res = await t.request('DELETE', `/api/posts/${id}`);
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual(POST_NOT_FOUND);
  });

  it('deletes only that post', async () => {
    const { post: keep } = await createPost({ title: 'Keep', body: '' });
    const { post: drop } = await createPost({ title: 'Drop', body: '' });
    await t.request('DELETE', `/api/posts/${drop.id}`, { as: memberToken });
    expect([...t.uow.posts.rows.keys()]).toEqual([keep.id]);
  });
});

describe('methods a posts path does not serve', () => {
  it.each([
    ['PUT', () => `/api/posts/${UNKNOWN_ID}`, ['DELETE', 'GET', 'PATCH']],
    ['DELETE', () => '/api/posts', ['GET', 'POST']],
    ['POST', () => `/api/users/${member.id}/posts`, ['GET']],
  ])('answers %s with 405 and an Allow header', async (method, path, allowed) => {
    const res = await t.request(method, path(), { as: memberToken, json: method === 'DELETE' ? undefined : { title: 'T', body: 'B' } });
    expect(res.status).toBe(405);
    expect((await body(res)).error.code).toBe('METHOD_NOT_ALLOWED');
    const allow = (res.headers.get('Allow') ?? '').split(',').map((m) => m.trim());
    for (const m of allowed) expect(allow).toContain(m);
    expect(allow).not.toContain(method);
    expect(t.uow.posts.rows.size).toBe(0);
  });
});
