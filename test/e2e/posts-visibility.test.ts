import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';

/**
 * API.md, "Posts": drafts are seen only by their author and by admins; for anyone else a draft
 * does not exist: a 404 like an unknown id, absent from every list, from its totals, from search
 * and from filters.
 */

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

let t: TestApp;
let alice: User;
let bob: User;
let aliceToken: string;
let bobToken: string;
let draft: Json;
let published: Json;

async function write(token: string, json: Record<string, unknown>): Promise<Json> {
  const res = await t.request('POST', '/api/posts', { as: token, json });
  expect(res.status).toBe(201);
  return (await body(res)).data as Json;
}

async function list(path: string, token: string | undefined): Promise<{ ids: string[]; total: number }> {
  const res = await t.request('GET', path, { as: token });
  expect(res.status).toBe(200);
  const page = await body(res);
  return { ids: page.data.map((post: Json) => post.id), total: page.pagination.total };
}

beforeEach(async () => {
  t = buildHttpApp();
  alice = aUser().withName('Alice').build();
  bob = aUser().withName('Bob').build();
  for (const user of [alice, bob]) t.uow.users.rows.set(user.id, user);
  aliceToken = await t.tokenFor(alice);
  bobToken = await t.tokenFor(bob);
  published = await write(aliceToken, { title: 'Public notes', body: 'For everyone', status: 'published' });
  draft = await write(aliceToken, { title: 'Secret plan', body: 'Not yet', status: 'draft' });
});

describe('a draft, to another member', () => {
  it('is a 404 with the very body of an unknown id', async () => {
    const hidden = await t.request('GET', `/api/posts/${draft.id}`, { as: bobToken });
    const unknown = await t.request('GET', `/api/posts/${UNKNOWN_ID}`, { as: bobToken });
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('ETag')).toBeNull();
    expect(await body(hidden)).toEqual({ error: { code: 'NOT_FOUND', message: 'Post not found' } });
    expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Post not found' } });
  });

  it('is absent from GET /api/posts and from its totals', async () => {
    expect(await list('/api/posts', bobToken)).toEqual({ ids: [published.id], total: 1 });
  });

  it('is absent from every filter and search that would match it', async () => {
    for (const query of ['status=draft', `authorId=${alice.id}`, 'search=secret', 'search=not%20yet', 'sort=title']) {
      const { ids, total } = await list(`/api/posts?${query}`, bobToken);
      expect(ids, query).not.toContain(draft.id);
      expect(total, query).toBe(ids.length);
    }
    expect(await list('/api/posts?status=draft', bobToken)).toEqual({ ids: [], total: 0 });
    expect(await list('/api/posts?search=secret', bobToken)).toEqual({ ids: [], total: 0 });
  });

  it("is absent from the author's GET /api/users/:id/posts", async () => {
    expect(await list(`/api/users/${alice.id}/posts`, bobToken)).toEqual({ ids: [published.id], total: 1 });
  });

  it('cannot be changed or deleted, and stays as it was', async () => {
    const before = structuredClone(t.uow.posts.rows.get(draft.id));
    expect((await t.request('PATCH', `/api/posts/${draft.id}`, { as: bobToken, json: { status: 'published' } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/posts/${draft.id}`, { as: bobToken })).status).toBe(404);
    expect(t.uow.posts.rows.get(draft.id)).toEqual(before);
  });
});

describe('a draft, to its author and to admins', () => {
  it.each([
    ['its author', () => aliceToken],
    ['an admin', () => undefined],
  ])('is readable by %s, with its ETag', async (_who, token) => {
    const res = await t.request('GET', `/api/posts/${draft.id}`, { as: token() });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"v1"');
    expect((await body(res)).data).toEqual(draft);
  });

  it.each([
    ['its author', () => aliceToken],
    ['an admin', () => undefined],
  ])('is listed, and counted, for %s', async (_who, token) => {
    expect(await list('/api/posts', token())).toEqual({ ids: [draft.id, published.id], total: 2 });
    expect(await list('/api/posts?status=draft', token())).toEqual({ ids: [draft.id], total: 1 });
    expect(await list(`/api/users/${alice.id}/posts`, token())).toEqual({ ids: [draft.id, published.id], total: 2 });
  });

  it("shows a member its own drafts only, not another member's", async () => {
    const bobsDraft = await write(bobToken, { title: "Bob's draft", body: '' });
    expect(await list('/api/posts?status=draft', bobToken)).toEqual({ ids: [bobsDraft.id], total: 1 });
    expect(await list('/api/posts?status=draft', aliceToken)).toEqual({ ids: [draft.id], total: 1 });
    expect(await list('/api/posts?status=draft', undefined)).toEqual({ ids: [bobsDraft.id, draft.id], total: 2 });
  });
});

describe('publishing and unpublishing', () => {
  it('shows a post to others once published, and hides it again once back to draft', async () => {
    const publish = await t.request('PATCH', `/api/posts/${draft.id}`, { as: aliceToken, json: { status: 'published' } });
    expect(publish.status).toBe(200);
    expect((await t.request('GET', `/api/posts/${draft.id}`, { as: bobToken })).status).toBe(200);
    expect((await list('/api/posts', bobToken)).total).toBe(2);

    const unpublish = await t.request('PATCH', `/api/posts/${draft.id}`, { as: aliceToken, json: { status: 'draft' } });
    expect(unpublish.status).toBe(200);
    expect((await t.request('GET', `/api/posts/${draft.id}`, { as: bobToken })).status).toBe(404);
    expect(await list('/api/posts', bobToken)).toEqual({ ids: [published.id], total: 1 });
  });
});
