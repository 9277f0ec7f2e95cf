import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body, type Json } from '../support/json.ts';

/**
 * API.md: `GET /api/users?include=posts` and `GET /api/users/:id?include=posts` embed each user's
 * posts (newest first, at most 10 each), drafts only for their author and admins, in a bounded
 * number of queries; deleting a user deletes its posts.
 */

let t: TestApp;
let alice: User;
let bob: User;
let carol: User;
let tokens: Record<'alice' | 'bob' | 'carol', string>;
/** Alice's 15 posts in creation order; every fifth from the third on is a draft (3 drafts, 12 published). */
let alicePosts: Json[];
/** Bob's: two published, then a draft. */
let bobPosts: Json[];

async function write(token: string, json: Record<string, unknown>): Promise<Json> {
  const res = await t.request('POST', '/api/posts', { as: token, json });
  expect(res.status).toBe(201);
  return (await body(res)).data as Json;
}

beforeEach(async () => {
  t = buildHttpApp();
  alice = aUser().withName('Alice').createdAt('2020-01-01T00:00:00.000Z').build();
  bob = aUser().withName('Bob').createdAt('2020-01-02T00:00:00.000Z').build();
  carol = aUser().withName('Carol').createdAt('2020-01-03T00:00:00.000Z').build();
  for (const user of [alice, bob, carol]) t.uow.users.rows.set(user.id, user);
  tokens = { alice: await t.tokenFor(alice), bob: await t.tokenFor(bob), carol: await t.tokenFor(carol) };
  alicePosts = [];
  bobPosts = [];
  // Interleaved, so that "newest first" per user is not the same as the global order.
  for (let i = 0; i < 15; i++) {
    alicePosts.push(await write(tokens.alice, { title: `Alice ${i}`, body: `Body ${i}`, status: i % 5 === 2 ? 'draft' : 'published' }));
    if (i % 5 === 0) bobPosts.push(await write(tokens.bob, { title: `Bob ${i}`, body: '', status: i === 10 ? 'draft' : 'published' }));
  }
});

/** The newest `limit` posts' ids, newest first, of those `keep` lets through. */
const newest = (posts: Json[], keep: (post: Json) => boolean = () => true, limit = 10) =>
  [...posts]
    .reverse()
    .filter(keep)
    .slice(0, limit)
    .map((post) => post.id);
const isPublished = (post: Json) => post.status === 'published';
const postIds = (user: Json | undefined): string[] => (user?.posts as Json[]).map((post) => post.id);

async function listUsers(query: string, as?: string): Promise<Json> {
  const res = await t.request('GET', `/api/users${query}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return body(res);
}

const byId = (page: Json, id: string): Json | undefined => (page.data as Json[]).find((user) => user.id === id);

describe('GET /api/users?include=posts', () => {
  it("embeds at most 10 posts per user, newest first; a member sees only others' published posts", async () => {
    const page = await listUsers('?include=posts', tokens.bob);
    expect(postIds(byId(page, alice.id))).toEqual(newest(alicePosts, isPublished));
    expect(postIds(byId(page, alice.id))).toHaveLength(10);
    // Bob's own draft is there for Bob.
    expect(postIds(byId(page, bob.id))).toEqual(newest(bobPosts));
    expect(postIds(byId(page, bob.id))).toHaveLength(3);
    expect(byId(page, carol.id)?.posts).toEqual([]);
    expect(byId(page, t.admin.id)?.posts).toEqual([]);
  });

  it('shows an admin every post, drafts included', async () => {
    const page = await listUsers('?include=posts');
    expect(postIds(byId(page, alice.id))).toEqual(newest(alicePosts));
    expect(postIds(byId(page, alice.id))).toContain(alicePosts[12]?.id);
    expect(postIds(byId(page, bob.id))).toEqual(newest(bobPosts));
  });

  it("shows a member its own drafts, and not another's", async () => {
    const page = await listUsers('?include=posts', tokens.alice);
    expect(postIds(byId(page, alice.id))).toEqual(newest(alicePosts));
    expect(postIds(byId(page, bob.id))).toEqual(newest(bobPosts, isPublished));
    const drafts = (byId(page, bob.id)?.posts as Json[]).filter((post) => post.status === 'draft');
    expect(drafts).toEqual([]);
  });

  it('embeds each post as GET /api/posts/:id shows it', async () => {
    const page = await listUsers('?include=posts', tokens.carol);
    const [first] = byId(page, bob.id)?.posts as Json[];
    const res = await t.request('GET', `/api/posts/${first?.id}`, { as: tokens.carol });
    expect(first).toEqual((await body(res)).data);
    expect(Object.keys(first ?? {}).sort()).toEqual(['authorId', 'body', 'createdAt', 'id', 'status', 'title', 'updatedAt']);
  });

  it('gives every user, and only users, the posts key; the rest of the page is as without include', async () => {
    const plain = await listUsers('?limit=3&sort=name');
    const included = await listUsers('?limit=3&sort=name&include=posts');
    expect(included.pagination).toEqual(plain.pagination);
    expect((included.data as Json[]).map(({ posts, ...user }) => ({ user, posts: Array.isArray(posts) }))).toEqual(
      (plain.data as Json[]).map((user) => ({ user, posts: true })),
    );
  });

  it('has no posts key without include', async () => {
    const page = await listUsers('');
    expect(page.data).toHaveLength(4);
    for (const user of page.data as Json[]) expect(user).not.toHaveProperty('posts');
  });

  it('combines with filters, search and cursors', async () => {
    const page = await listUsers('?include=posts&search=bob');
    expect((page.data as Json[]).map((user) => user.id)).toEqual([bob.id]);
    expect(postIds(byId(page, bob.id))).toEqual(newest(bobPosts));
    const first = await listUsers('?include=posts&limit=1&sort=name');
    const next = await listUsers(`?include=posts&limit=1&sort=name&cursor=${encodeURIComponent(first.pagination.nextCursor)}`);
    expect(next.data[0].id).toBe(bob.id);
    expect(postIds(next.data[0])).toEqual(newest(bobPosts));
  });

  it('reads the posts of a whole page in one repository call, whatever its size', async () => {
    for (let i = 0; i < 40; i++) {
      const user = aUser().build();
      t.uow.users.rows.set(user.id, user);
    }
    const newestByAuthors = vi.spyOn(t.uow.posts, 'newestByAuthors');
    const list = vi.spyOn(t.uow.posts, 'list');
    const findById = vi.spyOn(t.uow.posts, 'findById');
    const page = await listUsers('?include=posts&limit=100');
    expect(page.data).toHaveLength(44);
    expect(newestByAuthors).toHaveBeenCalledTimes(1);
    expect(newestByAuthors.mock.calls[0]?.[0]).toHaveLength(44);
    expect(newestByAuthors.mock.calls[0]?.[2]).toBe(10);
    expect(list).not.toHaveBeenCalled();
    expect(findById).not.toHaveBeenCalled();
  });

  it.each(['comments', 'posts,comments', 'Posts'])('refuses include=%s with 400 naming include', async (include) => {
    const res = await t.request('GET', `/api/users?include=${include}`);
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields)).toEqual(['include']);
  });
});

describe('GET /api/users/:id?include=posts', () => {
  it("embeds the user's newest visible posts, with the user's ETag", async () => {
    const res = await t.request('GET', `/api/users/${alice.id}?include=posts`, { as: tokens.bob });
    expect(res.status).toBe(200);
    // Bob, a member, sees Alice's public profile: its weak tag, not her version.
    expect(res.headers.get('ETag')).toMatch(/^W\/"p-[0-9a-f]+"$/);
    const { data } = await body(res);
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'id', 'name', 'posts']);
    expect(data).toMatchObject({ id: alice.id, name: 'Alice' });
    expect(postIds(data)).toEqual(newest(alicePosts, isPublished));
    const own = await t.request('GET', `/api/users/${alice.id}?include=posts`, { as: tokens.alice });
    expect(own.headers.get('ETag')).toBe('"v1"');
    expect((await body(own)).data).toMatchObject({ id: alice.id, email: alice.email, posts: expect.any(Array) });
  });

  it.each([
    ['its author', () => tokens.alice],
    ['an admin', () => undefined],
  ])("shows the drafts to %s", async (_who, token) => {
    const { data } = await body(await t.request('GET', `/api/users/${alice.id}?include=posts`, { as: token() }));
    expect(postIds(data)).toEqual(newest(alicePosts));
  });

  it('embeds an empty list for a user with no posts', async () => {
    const { data } = await body(await t.request('GET', `/api/users/${carol.id}?include=posts`, { as: tokens.bob }));
    expect(data.posts).toEqual([]);
  });

  it('has no posts key without include', async () => {
    const { data } = await body(await t.request('GET', `/api/users/${alice.id}`, { as: tokens.bob }));
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'id', 'name']);
    const { data: full } = await body(await t.request('GET', `/api/users/${alice.id}`));
    expect(Object.keys(full).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'role', 'status', 'updatedAt']);
  });

  it.each(['comments', 'posts,comments'])('refuses include=%s with 400 naming include', async (include) => {
    const res = await t.request('GET', `/api/users/${alice.id}?include=${include}`, { as: tokens.bob });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields)).toEqual(['include']);
  });

  it('refuses another query parameter, naming it', async () => {
    const res = await t.request('GET', `/api/users/${alice.id}?include=posts&limit=5`, { as: tokens.bob });
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields)).toEqual(['limit']);
  });

  it('answers 404 User not found for an unknown user', async () => {
    const res = await t.request('GET', '/api/users/01890a5d-ac96-774b-bcce-b302099a8057?include=posts', { as: tokens.bob });
    expect(res.status).toBe(404);
    expect((await body(res)).error).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
  });
});

describe('deleting a user', () => {
  it('deletes its posts, drafts included, and nobody else\'s', async () => {
    expect((await t.request('DELETE', `/api/users/${alice.id}`)).status).toBe(204);
    for (const post of [alicePosts[0], alicePosts[2], alicePosts[14]] as Json[]) {
      const res = await t.request('GET', `/api/posts/${post.id}`);
      expect(res.status).toBe(404);
      expect((await body(res)).error).toEqual({ code: 'NOT_FOUND', message: 'Post not found' });
    }
    const rows = [...t.uow.posts.rows.values()];
    expect(rows.filter((post) => post.authorId === alice.id)).toEqual([]);
    expect(rows.map((post) => post.id).sort()).toEqual(bobPosts.map((post) => post.id).sort());
    const page = await body(await t.request('GET', '/api/posts'));
    expect(page.pagination.total).toBe(3);
  });
});
