import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../../src/application/shared/actor.ts';
import type { ListResult } from '../../../../src/application/shared/paging.ts';
import type { ListPostsInput } from '../../../../src/application/posts/list-posts.ts';
import { requirePostId, type Post } from '../../../../src/domain/post.ts';
import { rejectionOf } from '../harness.ts';
import { ids, keyset, offset, world, type World } from './post-world.ts';

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
