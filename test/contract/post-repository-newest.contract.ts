import { beforeEach, expect, it } from 'vitest';
import type { PostVisibility } from '../../src/application/ports/post-list-query.ts';
import type { Post } from '../../src/domain/post.ts';
import type { UserId } from '../../src/domain/user.ts';
import type { Authors } from './post-repository.contract.ts';
import { ALL_DRAFTS, aPost, draftsOf, listPosts, PUBLISHED_ONLY, postIds, storePosts } from './post-fixtures.ts';
import { aUser, at, store, userId, type ContractContext } from './user-fixtures.ts';

/** `newestByAuthors`, what `?include=posts` embeds: order, per-author limit, visibility, absent authors. */
export function postNewestContract(context: () => ContractContext, authors: () => Authors): void {
  const uow = () => context().uow;
  const newest = (authorIds: readonly UserId[], visibility: PostVisibility, perAuthor = 10) =>
    uow().read(({ posts }) => posts.newestByAuthors(authorIds, visibility, perAuthor));
  /** The map as [author, post ids] pairs, in the map's own order. */
  const entries = (map: Map<UserId, Post[]>) => [...map].map(([author, posts]) => [author, postIds(posts)]);
  let annPosts: Post[];
  let bobDrafts: Post[];

  beforeEach(async () => {
    const { ann, bob } = authors();
    // Twelve posts of ann, in an order unrelated to their ids; three share one instant (ties by id,
    // descending), two are drafts. Bob has only drafts; cy has nothing.
    const minutes = [5, 11, 2, 11, 8, 0, 11, 3, 9, 1, 7, 4];
    annPosts = minutes.map((minute, i) => aPost(ann, { title: `Ann ${i}`, status: i === 1 || i === 8 ? 'draft' : 'published', createdAt: at(minute) }));
    bobDrafts = [aPost(bob, { status: 'draft', createdAt: at(1) }), aPost(bob, { status: 'draft', createdAt: at(2) })];
    await storePosts(uow(), ...annPosts, ...bobDrafts);
  });

  /** ann's posts as a reader sees them, newest first, ties by id descending. */
  const annNewest = (visible: (post: Post) => boolean) =>
    annPosts.filter(visible).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

  it('gives each author the newest posts first, ties by id descending, at most perAuthor', async () => {
    const { ann, bob, cy } = authors();
    const all = await newest([ann.id, bob.id, cy.id], ALL_DRAFTS);
    expect(entries(all)).toEqual([
      [ann.id, postIds(annNewest(() => true).slice(0, 10))],
      [bob.id, postIds([...bobDrafts].reverse())],
    ]);
    expect(all.get(ann.id)?.[0]).toEqual(annNewest(() => true)[0]);
    const three = await newest([ann.id, bob.id], ALL_DRAFTS, 3);
    expect(entries(three)).toEqual([
      [ann.id, postIds(annNewest(() => true).slice(0, 3))],
      [bob.id, postIds([...bobDrafts].reverse())],
    ]);
    expect(entries(await newest([ann.id], ALL_DRAFTS, 1))).toEqual([[ann.id, postIds(annNewest(() => true).slice(0, 1))]]);
  });

  it('applies the drafts rule: published only for null, plus the reader\'s own drafts, or every draft', async () => {
    const { ann, bob } = authors();
    const published = (post: Post) => post.status === 'published';
    expect(entries(await newest([ann.id, bob.id], PUBLISHED_ONLY))).toEqual([[ann.id, postIds(annNewest(published).slice(0, 10))]]);
    expect(entries(await newest([ann.id, bob.id], draftsOf(ann)))).toEqual([[ann.id, postIds(annNewest(() => true).slice(0, 10))]]);
    expect(entries(await newest([ann.id, bob.id], draftsOf(bob)))).toEqual([
      [ann.id, postIds(annNewest(published).slice(0, 10))],
      [bob.id, postIds([...bobDrafts].reverse())],
    ]);
  });

  it('leaves out authors with no visible post, unknown authors, and asks once for a repeated one', async () => {
    const { ann, bob, cy } = authors();
    const map = await newest([cy.id, userId('nobody'), bob.id, ann.id, bob.id], PUBLISHED_ONLY, 2);
    expect(entries(map)).toEqual([[ann.id, postIds(annNewest((post) => post.status === 'published').slice(0, 2))]]);
    // Authors come in the order first asked, each once, with its posts once.
    expect(entries(await newest([bob.id, ann.id, bob.id], ALL_DRAFTS, 2))).toEqual([
      [bob.id, postIds([...bobDrafts].reverse())],
      [ann.id, postIds(annNewest(() => true).slice(0, 2))],
    ]);
  });

  it('answers an empty author list, or a limit of zero, with an empty map', async () => {
    expect(await newest([], ALL_DRAFTS)).toEqual(new Map());
    expect(await newest([authors().ann.id], ALL_DRAFTS, 0)).toEqual(new Map());
  });

  it('serves many authors in one call, each exactly as its own newest-first listing', async () => {
    const many = Array.from({ length: 60 }, (_, i) => aUser({ label: `many-${i}` }));
    await store(uow(), ...many);
    await storePosts(
      uow(),
      ...many.flatMap((author, i) =>
        Array.from({ length: i % 7 }, (_, j) => aPost(author, { status: (i + j) % 3 === 0 ? 'draft' : 'published', createdAt: at((i * j) % 5) })),
      ),
    );
    const ids = [...many.map((author) => author.id), authors().ann.id];
    const viewer = many[3] as (typeof many)[number];
    for (const visibility of [ALL_DRAFTS, PUBLISHED_ONLY, draftsOf(viewer)]) {
      const map = await newest(ids, visibility, 4);
      const expected: [UserId, string[]][] = [];
      for (const id of ids) {
        const own = await listPosts(uow(), { authorId: id, visibility, sortBy: '-createdAt', limit: 4 });
        if (own.items.length > 0) expected.push([id, postIds(own.items)]);
      }
      expect(entries(map)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(30);
    }
  });
}
