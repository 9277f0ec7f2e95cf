import { requireUserId } from '../../../../src/domain/user.ts';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../../src/domain/post.ts';
import { rejectionOf } from '../harness.ts';
import { ids, offset, titles, UNKNOWN_ID, world } from './post-world.ts';

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
