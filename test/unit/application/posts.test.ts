import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../../src/application/shared/actor.ts';
import type { CursorPagination, ListResult, OffsetPagination } from '../../../src/application/shared/paging.ts';
import type { CreatePostInput } from '../../../src/application/posts/create-post.ts';
import { INCLUDED_POSTS_PER_USER } from '../../../src/application/posts/include-posts.ts';
import type { ListPostsInput } from '../../../src/application/posts/list-posts.ts';
import { requirePostId, type Post, type PostId } from '../../../src/domain/post.ts';
import { requireUserId, type User } from '../../../src/domain/user.ts';
import { aUser } from '../../support/builders.ts';
import { ADMIN, rejectionOf, seed } from './harness.ts';
import { actorOf, makePostService } from './post-service.ts';

const UNKNOWN_ID = '0190a6f0-1234-7abc-8def-0123456789ab';

/** Alice and Bob (members) and Root (an admin), stored; every post written 1 s after the last. */
async function world() {
  const service = makePostService();
  const alice = aUser().withName('Alice').build();
  const bob = aUser().withName('Bob').build();
  const root = aUser().withName('Root').withRole('admin').build();
  await seed(service.tables, alice, bob, root);
  const asAlice = actorOf(alice);
  const asBob = actorOf(bob);
  const asRoot = actorOf(root);
  const write = (actor: Actor, input: Partial<CreatePostInput> = {}): Promise<Post> => {
    service.clock.advance();
    return service.create.execute({ title: 'A title', body: 'A body', ...input }, actor);
  };
  const row = (id: string) => service.tables.posts.rows.get(id as PostId);
  const snapshot = () => structuredClone([...service.tables.posts.rows.entries()]);
  return { ...service, alice, bob, root, asAlice, asBob, asRoot, write, row, snapshot };
}

type World = Awaited<ReturnType<typeof world>>;

const ids = (result: ListResult<Post> | Post[]) => ('items' in result ? result.items : result).map((post) => post.id);
const titles = (result: ListResult<Post>) => result.items.map((post) => post.title);
const offset = (result: ListResult<Post>) => result.pagination as OffsetPagination;
const keyset = (result: ListResult<Post>) => result.pagination as CursorPagination;

describe('CreatePost', () => {
  it('makes the actor the author, stores the post as returned, a draft by default', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { title: '  First  ', body: 'Hello' });
    expect(post).toMatchObject({ authorId: w.alice.id, title: 'First', body: 'Hello', status: 'draft', version: 1 });
    expect(post.createdAt).toEqual(w.clock.now());
    expect(w.row(post.id)).toEqual(post);
  });

  it('takes status published', async () => {
    const w = await world();
    expect((await w.write(w.asBob, { status: 'published' })).status).toBe('published');
  });

  it('ignores an author, id or version smuggled into the input: the caller is the author', async () => {
    const w = await world();
    const smuggled = { title: 'Mine', body: '', authorId: w.bob.id, id: UNKNOWN_ID, version: 7 } as CreatePostInput;
    const post = await w.create.execute(smuggled, w.asAlice);
    expect(post.authorId).toBe(w.alice.id);
    expect(post.id).not.toBe(UNKNOWN_ID);
    expect(post.version).toBe(1);
    expect(w.row(post.id)?.authorId).toBe(w.alice.id);
  });

  it('refuses the system actor, which is no user: FORBIDDEN and nothing stored', async () => {
    const w = await world();
    const error = await rejectionOf(w.create.execute({ title: 'Orphan', body: '' }, SYSTEM_ACTOR));
    expect(error.code).toBe('FORBIDDEN');
    expect(w.tables.posts.rows.size).toBe(0);
  });

  it('reports every invalid field at once and stores nothing', async () => {
    const w = await world();
    const error = await rejectionOf(w.create.execute({ title: ' ', body: 'x'.repeat(50_001) }, w.asAlice));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['body', 'title']);
    expect(w.tables.posts.rows.size).toBe(0);
  });
});

describe('GetPost', () => {
  it('shows a published post to any member', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    expect(await w.get.execute({ id: post.id }, w.asBob)).toEqual(post);
  });

  it('shows a draft to its author and to admins', async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    expect(await w.get.execute({ id: draft.id }, w.asAlice)).toEqual(draft);
    expect(await w.get.execute({ id: draft.id }, w.asRoot)).toEqual(draft);
    expect(await w.get.execute({ id: draft.id }, ADMIN)).toEqual(draft);
  });

  it("answers another member's draft exactly as an unknown id: 404 Post not found", async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    for (const id of [draft.id, UNKNOWN_ID, 'not-an-id']) {
      const error = await rejectionOf(() => w.get.execute({ id: requirePostId(id) }, w.asBob));
      expect({ code: error.code, message: error.message, fields: error.fields }).toEqual({ code: 'NOT_FOUND', message: 'Post not found', fields: undefined });
    }
  });

  it('accepts an upper-case id', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    expect((await w.get.execute({ id: requirePostId(post.id.toUpperCase()) }, w.asBob)).id).toBe(post.id);
  });
});

describe('UpdatePost', () => {
  it('lets the author change a post: version and updatedAt move, author and createdAt stay', async () => {
    const w = await world();
    const post = await w.write(w.asAlice);
    const later = w.clock.advance(5000);
    const updated = await w.update.execute({ id: post.id, title: ' Renamed ', status: 'published' }, w.asAlice);
    expect(updated).toEqual({ ...post, title: 'Renamed', status: 'published', updatedAt: later, version: 2 });
    expect(w.row(post.id)).toEqual(updated);
  });

  it("lets an admin change a member's draft, leaving the author as it was", async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    const updated = await w.update.execute({ id: draft.id, body: 'Edited by an admin' }, w.asRoot);
    expect(updated).toMatchObject({ authorId: w.alice.id, body: 'Edited by an admin', version: 2 });
    expect(w.row(draft.id)).toEqual(updated);
  });

  it("refuses another member on a published post: 403, the row unchanged", async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    const before = w.snapshot();
    const error = await rejectionOf(w.update.execute({ id: post.id, title: 'Hijacked' }, w.asBob));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Not allowed to /) });
    expect(w.snapshot()).toEqual(before);
  });

  it("answers another member's draft with 404 (not 403, which would confirm it exists), the row unchanged", async () => {
    const w = await world();
    const draft = await w.write(w.asAlice);
    const before = w.snapshot();
    const error = await rejectionOf(w.update.execute({ id: draft.id, title: 'Hijacked' }, w.asBob));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
    expect(w.snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const w = await world();
    for (const id of [UNKNOWN_ID, 'nope']) {
      expect(await rejectionOf(() => w.update.execute({ id: requirePostId(id), title: 'x' }, w.asAlice))).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
    }
  });

  it('honours If-Match: the current version or * applies, another is 412 and changes nothing', async () => {
    const w = await world();
    const post = await w.write(w.asAlice);
    const stale = await rejectionOf(w.update.execute({ id: post.id, title: 'Stale', ifMatch: [2, 3] }, w.asAlice));
    expect(stale.code).toBe('PRECONDITION_FAILED');
    expect(w.row(post.id)).toEqual(post);
    expect(await w.update.execute({ id: post.id, title: 'Fresh', ifMatch: [1] }, w.asAlice)).toMatchObject({ title: 'Fresh', version: 2 });
    expect(await w.update.execute({ id: post.id, title: 'Any', ifMatch: '*' }, w.asAlice)).toMatchObject({ title: 'Any', version: 3 });
    // An empty list (a header naming no usable tag) matches nothing.
    expect((await rejectionOf(w.update.execute({ id: post.id, title: 'None', ifMatch: [] }, w.asAlice))).code).toBe('PRECONDITION_FAILED');
  });

  it('keeps the version and updatedAt, and writes nothing, for a change to the same values', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { title: 'Same', body: 'Same body' });
    w.clock.advance(60_000);
    w.uow.reset();
    const result = await w.update.execute({ id: post.id, title: '  Same ', body: 'Same body', status: 'draft', ifMatch: [1] }, w.asAlice);
    expect(result).toEqual(post);
    expect(w.row(post.id)).toEqual(post);
    // Nothing is written at all (so nothing is published as changed).
    expect(w.uow.calls).toEqual(['posts.findById']);
  });

  it('checks the fields before any I/O: invalid input is a 400 even for an id that names nothing', async () => {
    const w = await world();
    w.uow.reset();
    const error = await rejectionOf(w.update.execute({ id: requirePostId(UNKNOWN_ID), title: '', body: '\u0000' }, w.asAlice));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['body', 'title']);
    expect(w.uow.calls).toEqual([]);
  });
});

describe('DeletePost', () => {
  it('lets the author delete its post; a second delete is a 404', async () => {
    const w = await world();
    const post = await w.write(w.asAlice, { status: 'published' });
    await w.remove.execute({ id: post.id }, w.asAlice);
    expect(w.row(post.id)).toBeUndefined();
    expect(await rejectionOf(w.remove.execute({ id: post.id }, w.asAlice))).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
  });

  it("lets an admin delete a member's draft", async () => {
    const w = await world();
    const draft = await w.write(w.asBob);
    await w.remove.execute({ id: draft.id }, w.asRoot);
    expect(w.row(draft.id)).toBeUndefined();
  });

  it("refuses another member: 403 on a published post, 404 on a draft, nothing deleted", async () => {
    const w = await world();
    const published = await w.write(w.asAlice, { status: 'published' });
    const draft = await w.write(w.asAlice);
    const before = w.snapshot();
    expect(await rejectionOf(w.remove.execute({ id: published.id }, w.asBob))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Missing permission: posts:delete',
    });
    expect(await rejectionOf(w.remove.execute({ id: draft.id }, w.asBob))).toMatchObject({ code: 'NOT_FOUND', message: 'Post not found' });
    expect(w.snapshot()).toEqual(before);
  });

  it('honours If-Match: 412 on another version, and the post stays', async () => {
    const w = await world();
    const post = await w.write(w.asAlice);
    expect((await rejectionOf(w.remove.execute({ id: post.id, ifMatch: [2] }, w.asAlice))).code).toBe('PRECONDITION_FAILED');
    expect(w.row(post.id)).toEqual(post);
    await w.remove.execute({ id: post.id, ifMatch: [1] }, w.asAlice);
    expect(w.row(post.id)).toBeUndefined();
  });

  it('answers 404 for a malformed id', async () => {
    const w = await world();
    expect((await rejectionOf(() => w.remove.execute({ id: requirePostId('nope') }, w.asRoot))).message).toBe('Post not found');
  });
});

/**
 * Alice: a published post and a draft; Bob: the same; Root (admin): one published post. Written in
 * this order, one second apart, so newest first is the reverse.
 */
async function listingWorld() {
  const w = await world();
  const alicePublished = await w.write(w.asAlice, { title: 'Alice published', body: 'About a Needle in hay', status: 'published' });
  const aliceDraft = await w.write(w.asAlice, { title: 'Alice draft', body: 'Secret plans' });
  const bobPublished = await w.write(w.asBob, { title: 'Bob published', body: 'Nothing here', status: 'published' });
  const bobDraft = await w.write(w.asBob, { title: 'Bob draft NEEDLE', body: 'Hidden' });
  const rootPublished = await w.write(w.asRoot, { title: 'Root published', body: 'needlework', status: 'published' });
  return { ...w, alicePublished, aliceDraft, bobPublished, bobDraft, rootPublished };
}

describe('ListPosts: visibility', () => {
  it("shows a member every published post and its own drafts, never another's, in items and totals", async () => {
    const w = await listingWorld();
    const asAlice = await w.list.execute({ limit: 20 }, w.asAlice);
    expect(ids(asAlice)).toEqual(ids([w.rootPublished, w.bobPublished, w.aliceDraft, w.alicePublished]));
    expect(offset(asAlice)).toEqual({ page: 1, limit: 20, total: 4, totalPages: 1, nextCursor: null });
    const asBob = await w.list.execute({ limit: 20 }, w.asBob);
    expect(ids(asBob)).toEqual(ids([w.rootPublished, w.bobDraft, w.bobPublished, w.alicePublished]));
    expect(offset(asBob).total).toBe(4);
  });

  it('shows an admin every post', async () => {
    const w = await listingWorld();
    const all = await w.list.execute({ limit: 20 }, w.asRoot);
    expect(ids(all)).toEqual(ids([w.rootPublished, w.bobDraft, w.bobPublished, w.aliceDraft, w.alicePublished]));
    expect(offset(all).total).toBe(5);
  });

  it('counts only visible posts in the totals of a short page', async () => {
    const w = await listingWorld();
    const page = await w.list.execute({ limit: 2, page: 2 }, w.asAlice);
    expect(ids(page)).toEqual(ids([w.aliceDraft, w.alicePublished]));
    expect(offset(page)).toEqual({ page: 2, limit: 2, total: 4, totalPages: 2, nextCursor: null });
  });
});

describe('ListPosts: filters', () => {
  it("filters by author: another member's drafts stay hidden", async () => {
    const w = await listingWorld();
    const bobs = await w.list.execute({ limit: 20, authorId: w.bob.id }, w.asAlice);
    expect(ids(bobs)).toEqual([w.bobPublished.id]);
    expect(offset(bobs).total).toBe(1);
    const asAdmin = await w.list.execute({ limit: 20, authorId: w.bob.id.toUpperCase() }, w.asRoot);
    expect(ids(asAdmin)).toEqual(ids([w.bobDraft, w.bobPublished]));
  });

  it("filters by status: a member's drafts are its own only", async () => {
    const w = await listingWorld();
    expect(ids(await w.list.execute({ limit: 20, status: 'draft' }, w.asAlice))).toEqual([w.aliceDraft.id]);
    expect(ids(await w.list.execute({ limit: 20, status: 'draft' }, w.asRoot))).toEqual(ids([w.bobDraft, w.aliceDraft]));
    expect(ids(await w.list.execute({ limit: 20, status: 'published' }, w.asAlice))).toEqual(ids([w.rootPublished, w.bobPublished, w.alicePublished]));
  });

  it('searches title and body, case-insensitively, within what the reader may see', async () => {
    const w = await listingWorld();
    const asAlice = await w.list.execute({ limit: 20, search: 'needle' }, w.asAlice);
    expect(ids(asAlice)).toEqual(ids([w.rootPublished, w.alicePublished]));
    expect(offset(asAlice).total).toBe(2);
    expect(ids(await w.list.execute({ limit: 20, search: 'NeEdLe' }, w.asRoot))).toEqual(ids([w.rootPublished, w.bobDraft, w.alicePublished]));
  });

  it('combines filters with AND', async () => {
    const w = await listingWorld();
    const result = await w.list.execute({ limit: 20, search: 'needle', status: 'draft', authorId: w.bob.id }, w.asRoot);
    expect(ids(result)).toEqual([w.bobDraft.id]);
  });

  it.each(['not-a-uuid', '', '123', `${UNKNOWN_ID}x`])('refuses authorId %j: VALIDATION_ERROR on authorId', async (authorId) => {
    const w = await listingWorld();
    const error = await rejectionOf(w.list.execute({ limit: 20, authorId }, w.asAlice));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {})).toEqual(['authorId']);
  });

  it('answers an empty page for an author with no posts', async () => {
    const w = await listingWorld();
    const result = await w.list.execute({ limit: 20, authorId: UNKNOWN_ID }, w.asAlice);
    expect(result).toEqual({ items: [], pagination: { page: 1, limit: 20, total: 0, totalPages: 0, nextCursor: null } });
  });

  it('refuses an unknown sort field on sort', async () => {
    const w = await listingWorld();
    const error = await rejectionOf(w.list.execute({ limit: 20, sort: 'authorId' }, w.asAlice));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', fields: { sort: expect.any(String) } });
  });
});

describe('ListPosts: sort', () => {
  async function sortingWorld() {
    const w = await world();
    const made: Post[] = [];
    for (const title of ['b', 'B', 'a', 'Z', '\u00E9', '\u{1F600}', '\uFF5A']) made.push(await w.write(w.asAlice, { title, status: 'published' }));
    return { ...w, made };
  }

  it('sorts titles by code point, ascending and descending', async () => {
    const w = await sortingWorld();
    // U+FF5A sorts before U+1F600 by code point, though its UTF-16 unit is greater than the emoji's first.
    const expected = ['B', 'Z', 'a', 'b', '\u00E9', '\uFF5A', '\u{1F600}'];
    expect(titles(await w.list.execute({ limit: 20, sort: 'title' }, w.asBob))).toEqual(expected);
    expect(titles(await w.list.execute({ limit: 20, sort: '-title' }, w.asBob))).toEqual([...expected].reverse());
  });

  it('sorts by createdAt, newest first by default', async () => {
    const w = await sortingWorld();
    expect(ids(await w.list.execute({ limit: 20 }, w.asBob))).toEqual(ids([...w.made].reverse()));
    expect(ids(await w.list.execute({ limit: 20, sort: 'createdAt' }, w.asBob))).toEqual(ids(w.made));
  });

  it('sorts by updatedAt', async () => {
    const w = await sortingWorld();
    const [first, second] = w.made as [Post, Post];
    w.clock.advance();
    await w.update.execute({ id: second.id, body: 'touched' }, w.asAlice);
    w.clock.advance();
    await w.update.execute({ id: first.id, body: 'touched' }, w.asAlice);
    const byUpdate = await w.list.execute({ limit: 20, sort: '-updatedAt' }, w.asBob);
    expect(ids(byUpdate).slice(0, 3)).toEqual([first.id, second.id, w.made[6]?.id]);
    expect(ids(await w.list.execute({ limit: 20, sort: 'updatedAt' }, w.asBob)).slice(-2)).toEqual([second.id, first.id]);
  });

  it('breaks ties by id in the direction of the last key', async () => {
    const w = await world();
    // Written at the same instant: only the id orders them.
    const same: Post[] = [];
    for (let i = 0; i < 3; i++) same.push(await w.create.execute({ title: 'Tie', body: '', status: 'published' }, w.asAlice));
    const sorted = ids(same).sort();
    expect(ids(await w.list.execute({ limit: 20, sort: 'title' }, w.asBob))).toEqual(sorted);
    expect(ids(await w.list.execute({ limit: 20, sort: '-title' }, w.asBob))).toEqual([...sorted].reverse());
  });
});

describe('ListPosts: cursors', () => {
  async function manyPosts() {
    const w = await world();
    const made: Post[] = [];
    for (let i = 0; i < 7; i++) made.push(await w.write(i % 3 === 0 ? w.asAlice : w.asBob, { title: `Post ${i}`, status: i === 4 ? 'draft' : 'published' }));
    return { ...w, made };
  }

  /** Every page of a listing, following nextCursor from the first offset page. */
  async function walk(w: World, input: ListPostsInput, actor: Actor): Promise<{ pages: ListResult<Post>[]; all: string[] }> {
    const pages = [await w.list.execute(input, actor)];
    for (let cursor = offset(pages[0] as ListResult<Post>).nextCursor; cursor !== null; ) {
      const page = await w.list.execute({ ...input, cursor }, actor);
      pages.push(page);
      cursor = keyset(page).nextCursor;
      expect(pages.length).toBeLessThan(20);
    }
    return { pages, all: pages.flatMap((page) => ids(page)) };
  }

  it.each(['-createdAt', 'createdAt', 'title', '-title', '-updatedAt'])('visits every visible post once, sorted by %s', async (sort) => {
    const w = await manyPosts();
    const everything = await w.list.execute({ limit: 100, sort }, w.asAlice);
    const { pages, all } = await walk(w, { limit: 2, sort }, w.asAlice);
    expect(all).toEqual(ids(everything));
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(all.length);
    for (const page of pages.slice(1)) expect(Object.keys(page.pagination).sort()).toEqual(['limit', 'nextCursor']);
    expect(keyset(pages[pages.length - 1] as ListResult<Post>).nextCursor).toBeNull();
  });

  it('repeats nothing when a newer post arrives after the first page (an offset page would)', async () => {
    const w = await manyPosts();
    const first = await w.list.execute({ limit: 3 }, w.asRoot);
    expect(ids(first)).toEqual(ids(w.made.slice(4).reverse()));
    await w.write(w.asBob, { title: 'Newest', status: 'published' });
    const second = await w.list.execute({ limit: 3, cursor: offset(first).nextCursor as string }, w.asRoot);
    expect(ids(second)).toEqual(ids(w.made.slice(1, 4).reverse()));
    // What offset paging would have answered: the last post of page 1 again.
    expect(ids(await w.list.execute({ limit: 3, page: 2 }, w.asRoot))[0]).toBe(w.made[4]?.id);
  });

  it('skips nothing when a post already seen is deleted (an offset page would)', async () => {
    const w = await manyPosts();
    const first = await w.list.execute({ limit: 3 }, w.asRoot);
    await w.remove.execute({ id: requirePostId(w.made[6]?.id ?? '') }, w.asRoot);
    const second = await w.list.execute({ limit: 3, cursor: offset(first).nextCursor as string }, w.asRoot);
    expect(ids(second)).toEqual(ids(w.made.slice(1, 4).reverse()));
    expect(ids(await w.list.execute({ limit: 3, page: 2 }, w.asRoot))).not.toContain(w.made[3]?.id);
  });

  it('refuses a cursor presented by another reader: the visibility is part of the listing', async () => {
    const w = await manyPosts();
    const cursor = offset(await w.list.execute({ limit: 2 }, w.asAlice)).nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const reader of [w.asBob, w.asRoot]) {
      const error = await rejectionOf(w.list.execute({ limit: 2, cursor }, reader));
      expect(error).toMatchObject({ code: 'VALIDATION_ERROR', fields: { cursor: expect.any(String) } });
    }
    // Alice herself may continue.
    expect(ids(await w.list.execute({ limit: 2, cursor }, w.asAlice))).toHaveLength(2);
  });

  it.each<[string, Partial<ListPostsInput>]>([
    ['another status', { status: 'published' }],
    ['another search', { search: 'Post' }],
    ['another sort', { sort: 'title' }],
    ['an author filter', { authorId: '00000000-0000-7000-8000-000000000001' }],
  ])('refuses a cursor reused with %s', async (_case, changed) => {
    const w = await manyPosts();
    const cursor = offset(await w.list.execute({ limit: 2 }, w.asRoot)).nextCursor as string;
    const error = await rejectionOf(w.list.execute({ limit: 2, cursor, ...changed }, w.asRoot));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', fields: { cursor: expect.any(String) } });
  });

  it('refuses a cursor with a page, and a tampered cursor', async () => {
    const w = await manyPosts();
    const cursor = offset(await w.list.execute({ limit: 2 }, w.asRoot)).nextCursor as string;
    expect((await rejectionOf(w.list.execute({ limit: 2, cursor, page: 2 }, w.asRoot))).fields).toEqual({ page: expect.any(String) });
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'BB' : 'AA'}`;
    expect((await rejectionOf(w.list.execute({ limit: 2, cursor: tampered }, w.asRoot))).code).toBe('VALIDATION_ERROR');
  });
});

describe('ListPosts.ofUser', () => {
  it("lists one user's posts as the reader may see them", async () => {
    const w = await listingWorld();
    const asBob = await w.list.ofUser({ limit: 20, userId: w.alice.id }, w.asBob);
    expect(ids(asBob)).toEqual([w.alicePublished.id]);
    expect(offset(asBob).total).toBe(1);
    expect(ids(await w.list.ofUser({ limit: 20, userId: w.alice.id }, w.asAlice))).toEqual(ids([w.aliceDraft, w.alicePublished]));
    expect(ids(await w.list.ofUser({ limit: 20, userId: w.alice.id }, w.asRoot))).toEqual(ids([w.aliceDraft, w.alicePublished]));
  });

  it('answers an empty page for a user with no posts', async () => {
    const w = await world();
    const result = await w.list.ofUser({ limit: 20, userId: w.bob.id }, w.asAlice);
    expect(result.items).toEqual([]);
    expect(offset(result).total).toBe(0);
  });

  it.each([UNKNOWN_ID, 'not-a-uuid'])('answers 404 User not found for user %s', async (userId) => {
    const w = await listingWorld();
    const error = await rejectionOf(() => w.list.ofUser({ limit: 20, userId: requireUserId(userId) }, w.asRoot));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'User not found' });
  });

  it("refuses a cursor of another user's list", async () => {
    const w = await listingWorld();
    const cursor = offset(await w.list.ofUser({ limit: 1, userId: w.alice.id }, w.asRoot)).nextCursor as string;
    expect(ids(await w.list.ofUser({ limit: 1, userId: w.alice.id, cursor }, w.asRoot))).toEqual([w.alicePublished.id]);
    expect((await rejectionOf(w.list.ofUser({ limit: 1, userId: w.bob.id, cursor }, w.asRoot))).fields).toEqual({ cursor: expect.any(String) });
  });
});

describe('IncludePosts', () => {
  /** Alice: 12 posts, every third a draft; Bob: 2 published and a draft; Carol: none. */
  async function includeWorld() {
    const w = await world();
    const carol = aUser().withName('Carol').build();
    await seed(w.tables, carol);
    const alices: Post[] = [];
    for (let i = 0; i < 12; i++) alices.push(await w.write(w.asAlice, { title: `Alice ${i}`, status: i % 3 === 1 ? 'draft' : 'published' }));
    const bobs: Post[] = [];
    for (let i = 0; i < 3; i++) bobs.push(await w.write(w.asBob, { title: `Bob ${i}`, status: i === 2 ? 'draft' : 'published' }));
    return { ...w, carol, alices, bobs };
  }

  const newest = (posts: Post[], keep: (post: Post) => boolean = () => true) => ids([...posts].reverse().filter(keep).slice(0, 10));
  const published = (post: Post) => post.status === 'published';

  it('embeds at most 10 per user, newest first; an admin sees drafts', async () => {
    const w = await includeWorld();
    expect(INCLUDED_POSTS_PER_USER).toBe(10);
    const map = await w.include.execute([w.alice, w.bob, w.carol], w.asRoot);
    expect(ids(map.get(w.alice.id) ?? [])).toEqual(newest(w.alices));
    expect(ids(map.get(w.bob.id) ?? [])).toEqual(newest(w.bobs));
    expect(map.get(w.carol.id) ?? []).toEqual([]);
  });

  it("shows a member its own drafts and nobody else's", async () => {
    const w = await includeWorld();
    const asBob = await w.include.execute([w.alice, w.bob], w.asBob);
    expect(ids(asBob.get(w.alice.id) ?? [])).toEqual(newest(w.alices, published));
    expect(ids(asBob.get(w.alice.id) ?? [])).toHaveLength(8);
    expect(ids(asBob.get(w.bob.id) ?? [])).toEqual(newest(w.bobs));
    const asAlice = await w.include.execute([w.alice, w.bob], w.asAlice);
    expect(ids(asAlice.get(w.alice.id) ?? [])).toEqual(newest(w.alices));
    expect(ids(asAlice.get(w.bob.id) ?? [])).toEqual(newest(w.bobs, published));
  });

  it('costs one read and one repository call whatever the number of users', async () => {
    const w = await includeWorld();
    const crowd: User[] = [w.alice, w.bob, w.carol];
    for (let i = 0; i < 47; i++) crowd.push(aUser().build());
    await seed(w.tables, ...crowd.slice(3));
    for (const users of [crowd.slice(0, 1), crowd]) {
      w.uow.reset();
      await w.include.execute(users, w.asAlice);
      expect(w.uow.calls).toEqual(['posts.newestByAuthors']);
      expect(w.uow.reads + w.uow.transactions).toBe(1);
    }
  });

  it('makes no call at all for no users', async () => {
    const w = await includeWorld();
    w.uow.reset();
    expect((await w.include.execute([], w.asAlice)).size).toBe(0);
    expect(w.uow.calls).toEqual([]);
  });
});
