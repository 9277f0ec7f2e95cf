import { beforeEach, describe, expect, it } from 'vitest';
import { createPost, type Post, type PostId, type PostStatus } from '../../src/domain/post.ts';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';

/**
 * Every posts route for every kind of caller (BOLA and BFLA, OWASP API1 and API5), as API.md
 * states it: members hold posts:read and posts:write, may change and delete only their own posts,
 * and never see another's draft (a 404, not a 403 that would confirm it exists); admins may do
 * anything. Every refused write must leave the posts table as it was.
 */

type Caller = 'anonymous' | 'member' | 'admin';
/** Which post (or user) is in the path, seen from the acting member. */
type Target = 'collection' | 'own-published' | 'own-draft' | 'others-published' | 'others-draft' | 'unknown' | 'malformed' | 'other-user';
type Row = [method: string, target: Target, caller: Caller, status: number, message?: string];

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const NOT_FOUND = 'Post not found';
const NOT_OTHERS = "Not allowed to change another user's post";
const NO_DELETE = 'Missing permission: posts:delete';

const MATRIX: Row[] = [
  // GET /api/posts
  ['GET', 'collection', 'anonymous', 401],
  ['GET', 'collection', 'member', 200],
  ['GET', 'collection', 'admin', 200],
  // POST /api/posts
  ['POST', 'collection', 'anonymous', 401],
  ['POST', 'collection', 'member', 201],
  ['POST', 'collection', 'admin', 201],
  // GET /api/posts/:id
  ['GET', 'others-published', 'anonymous', 401],
  ['GET', 'others-draft', 'anonymous', 401],
  ['GET', 'malformed', 'anonymous', 401],
  ['GET', 'own-published', 'member', 200],
  ['GET', 'own-draft', 'member', 200],
  ['GET', 'others-published', 'member', 200],
  ['GET', 'others-draft', 'member', 404, NOT_FOUND],
  ['GET', 'unknown', 'member', 404, NOT_FOUND],
  ['GET', 'malformed', 'member', 404, NOT_FOUND],
  ['GET', 'others-published', 'admin', 200],
  ['GET', 'others-draft', 'admin', 200],
  // PATCH /api/posts/:id
  ['PATCH', 'others-published', 'anonymous', 401],
  ['PATCH', 'others-draft', 'anonymous', 401],
  ['PATCH', 'malformed', 'anonymous', 401],
  ['PATCH', 'own-published', 'member', 200],
  ['PATCH', 'own-draft', 'member', 200],
  ['PATCH', 'others-published', 'member', 403, NOT_OTHERS],
  ['PATCH', 'others-draft', 'member', 404, NOT_FOUND],
  ['PATCH', 'unknown', 'member', 404, NOT_FOUND],
  ['PATCH', 'malformed', 'member', 404, NOT_FOUND],
  ['PATCH', 'others-published', 'admin', 200],
  ['PATCH', 'others-draft', 'admin', 200],
  // DELETE /api/posts/:id
  ['DELETE', 'others-published', 'anonymous', 401],
  ['DELETE', 'others-draft', 'anonymous', 401],
  ['DELETE', 'malformed', 'anonymous', 401],
  ['DELETE', 'own-published', 'member', 204],
  ['DELETE', 'own-draft', 'member', 204],
  ['DELETE', 'others-published', 'member', 403, NO_DELETE],
  ['DELETE', 'others-draft', 'member', 404, NOT_FOUND],
  ['DELETE', 'unknown', 'member', 404, NOT_FOUND],
  ['DELETE', 'malformed', 'member', 404, NOT_FOUND],
  ['DELETE', 'others-published', 'admin', 204],
  ['DELETE', 'others-draft', 'admin', 204],
  // GET /api/users/:id/posts
  ['GET', 'other-user', 'anonymous', 401],
  ['GET', 'other-user', 'member', 200],
  ['GET', 'other-user', 'admin', 200],
];

let t: TestApp;
let member: User;
let other: User;
let memberToken: string;
let posts: Record<'own-published' | 'own-draft' | 'others-published' | 'others-draft', Post>;

let serial = 0;
function storedPost(author: User, status: PostStatus): Post {
  const post = createPost({
    id: crypto.randomUUID() as PostId,
    authorId: author.id,
    title: `${author.name}'s ${status} post`,
    body: 'Body',
    status,
    now: new Date(Date.parse('2024-01-20T10:00:00.000Z') + ++serial * 1000),
  });
  t.uow.posts.rows.set(post.id, post);
  return post;
}

beforeEach(async () => {
  t = buildHttpApp();
  member = aUser().withName('Member').build();
  other = aUser().withName('Other').build();
  for (const user of [member, other]) t.uow.users.rows.set(user.id, user);
  memberToken = await t.tokenFor(member);
  posts = {
    'own-published': storedPost(member, 'published'),
    'own-draft': storedPost(member, 'draft'),
    'others-published': storedPost(other, 'published'),
    'others-draft': storedPost(other, 'draft'),
  };
});

function pathFor(target: Target): string {
  switch (target) {
    case 'collection':
      return '/api/posts';
    case 'other-user':
      return `/api/users/${other.id}/posts`;
    case 'unknown':
      return `/api/posts/${UNKNOWN_ID}`;
    case 'malformed':
      return '/api/posts/not-an-id';
    default:
      return `/api/posts/${posts[target].id}`;
  }
}

const bodyFor = (method: string): Record<string, unknown> | undefined =>
  method === 'POST' ? { title: 'New post', body: 'Fresh' } : method === 'PATCH' ? { title: 'Changed' } : undefined;

const tokenOf = (caller: Caller): string | null | undefined => ({ anonymous: null, member: memberToken, admin: undefined })[caller];

/** A deep copy of the posts table, to prove a refused write changed nothing. */
const snapshotPosts = () => structuredClone([...t.uow.posts.rows.entries()]);

describe('posts routes by caller', () => {
  const cases = MATRIX.map((row) => ({ row, title: title(row) }));
  it.each(cases)('$title', async ({ row: [method, target, caller, status, message] }) => {
    const before = snapshotPosts();
    const res = await t.request(method, pathFor(target), { as: tokenOf(caller), json: bodyFor(method) });

    expect(res.status).toBe(status);
    if (status === 401) expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    if (status >= 400) {
      const { error } = await body(res);
      expect(error.code).toBe({ 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[status]);
      if (message !== undefined) expect(error.message).toBe(message);
      // A refused write changes nothing: no row added, removed or altered.
      if (method !== 'GET') expect(snapshotPosts()).toEqual(before);
    }
  });

  it("answers another member's draft exactly as an id that names nothing", async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const draft = await t.request(method, pathFor('others-draft'), { as: memberToken, json: bodyFor(method) });
      const unknown = await t.request(method, pathFor('unknown'), { as: memberToken, json: bodyFor(method) });
      expect([draft.status, await draft.text()]).toEqual([unknown.status, await unknown.text()]);
    }
  });
});

describe('what the allowed requests did', () => {
  it("a member's POST made the member the author", async () => {
    const res = await t.request('POST', '/api/posts', { as: memberToken, json: bodyFor('POST') });
    const { data } = await body(res);
    expect(t.uow.posts.rows.get(data.id)).toMatchObject({ authorId: member.id, title: 'New post' });
    expect(t.uow.posts.rows.size).toBe(5);
  });

  it.each(['own-published', 'own-draft'] as const)("a member's PATCH changed its %s post only", async (target) => {
    const before = snapshotPosts();
    await t.request('PATCH', pathFor(target), { as: memberToken, json: { title: 'Changed' } });
    expect(t.uow.posts.rows.get(posts[target].id)).toMatchObject({ title: 'Changed', authorId: member.id, version: 2 });
    const untouched = before.filter(([id]) => id !== posts[target].id);
    expect(snapshotPosts().filter(([id]) => id !== posts[target].id)).toEqual(untouched);
  });

  it.each(['others-published', 'others-draft'] as const)("an admin's PATCH changed a member's %s post, keeping its author", async (target) => {
    await t.request('PATCH', pathFor(target), { json: { title: 'Changed' } });
    expect(t.uow.posts.rows.get(posts[target].id)).toMatchObject({ title: 'Changed', authorId: other.id, version: 2 });
  });

  it.each([
    ['member', 'own-published'],
    ['member', 'own-draft'],
    ['admin', 'others-published'],
    ['admin', 'others-draft'],
  ] as const)("a DELETE as %s removed exactly the %s post", async (caller, target) => {
    await t.request('DELETE', pathFor(target), { as: tokenOf(caller) });
    const remaining = Object.values(posts).filter((post) => post.id !== posts[target].id);
    expect([...t.uow.posts.rows.keys()].sort()).toEqual(remaining.map((post) => post.id).sort());
  });

  it("a member's list holds every published post and its own draft, never another's", async () => {
    const res = await t.request('GET', '/api/posts', { as: memberToken });
    const page = await body(res);
    const expected = [posts['others-published'], posts['own-draft'], posts['own-published']].map((post) => post.id);
    expect(page.data.map((post: { id: string }) => post.id)).toEqual(expected);
    expect(page.pagination.total).toBe(3);
  });

  it("an admin's list holds every post", async () => {
    const page = await body(await t.request('GET', '/api/posts'));
    expect(page.pagination.total).toBe(4);
    expect(page.data).toHaveLength(4);
  });

  it("another user's posts: a member sees only the published one, an admin both", async () => {
    const asMember = await body(await t.request('GET', pathFor('other-user'), { as: memberToken }));
    expect(asMember.data.map((post: { id: string }) => post.id)).toEqual([posts['others-published'].id]);
    expect(asMember.pagination.total).toBe(1);
    const asAdmin = await body(await t.request('GET', pathFor('other-user')));
    expect(asAdmin.data.map((post: { id: string }) => post.id)).toEqual([posts['others-draft'].id, posts['others-published'].id]);
    expect(asAdmin.pagination.total).toBe(2);
  });
});

/** `PATCH another's draft post as member: 404`. */
function title([method, target, caller, status]: Row): string {
  const what = {
    collection: '/api/posts',
    'own-published': 'its own published post',
    'own-draft': 'its own draft',
    'others-published': "another's published post",
    'others-draft': "another's draft",
    unknown: 'an unknown post id',
    malformed: 'a malformed post id',
    'other-user': "/api/users/:id/posts of another",
  }[target];
  return `${method} ${what} as ${caller}: ${status}`;
}
