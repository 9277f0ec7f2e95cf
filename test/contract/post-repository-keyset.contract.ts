import { beforeEach, expect, it } from 'vitest';
import type { Post } from '../../src/domain/post.ts';
import type { Authors } from './post-repository.contract.ts';
import {
  aPost,
  draftsOf,
  listPosts,
  PUBLISHED_ONLY,
  parsePostSort,
  positionOfPost,
  postIds,
  storePosts,
  walkPostsByKeyset,
  type PostListRequest,
} from './post-fixtures.ts';
import { at, type ContractContext } from './user-fixtures.ts';

/** Few distinct values per field, so every keyset comparison branch meets ties. */
const TITLES = ['Ann', 'Bob', 'Ann', 'Émile', 'ann', 'Bob', 'Ann', '😀', 'Ｚ', 'Bob', 'Ann', 'Cy', 'Ann', 'Zed'];

/** Every sort shape: uniform directions (row comparison) and mixed ones (the expanded OR chain). */
const KEYSET_SORTS = ['-createdAt', 'createdAt', 'title', '-title', 'title,-createdAt', '-createdAt,title', '-updatedAt,title,createdAt', 'updatedAt,-title', '-title,-updatedAt'];

/** Keyset continuation: the same rows as offset paging, in the same order, none skipped or repeated. */
export function postKeysetContract(context: () => ContractContext, authors: () => Authors): void {
  const uow = () => context().uow;
  const list = (query: PostListRequest = {}) => listPosts(uow(), query);

  beforeEach(async () => {
    const { ann, bob, cy } = authors();
    const who = [ann, bob, cy];
    await storePosts(
      uow(),
      ...TITLES.map((title, i) =>
        aPost(who[i % 3] as Authors['ann'], {
          title,
          body: i % 2 ? 'odd one' : 'even one',
          status: i % 4 === 1 ? 'draft' : 'published',
          createdAt: at(i % 4),
          updatedAt: at(10 + (i % 3)),
        }),
      ),
    );
  });

  for (const sortBy of KEYSET_SORTS) {
    it(`continues ${sortBy} exactly like the offset order, page size 1, 3 and 5`, async () => {
      const offsetOrder = postIds((await list({ sortBy })).items);
      expect(offsetOrder).toHaveLength(TITLES.length);
      for (const pageSize of [1, 3, 5]) expect(postIds(await walkPostsByKeyset(uow(), { sortBy }, pageSize))).toEqual(offsetOrder);
    });
  }

  it('continues a filtered, searched listing under a visibility over exactly the matching rows', async () => {
    const query = { sortBy: 'title,-createdAt', search: 'ODD', visibility: draftsOf(authors().bob) };
    const offsetPage = await list(query);
    // Odd indexes; the drafts among them (i % 4 = 1) are visible only when bob wrote them (i % 3 = 1).
    expect(offsetPage.total).toBe(5);
    for (const pageSize of [1, 2]) expect(postIds(await walkPostsByKeyset(uow(), query, pageSize))).toEqual(postIds(offsetPage.items));
    const published = { sortBy: '-createdAt', visibility: PUBLISHED_ONLY, authorId: authors().ann.id };
    expect(postIds(await walkPostsByKeyset(uow(), published, 2))).toEqual(postIds((await list(published)).items));
  });

  it('returns nothing after the last row, and ignores any offset', async () => {
    const sort = parsePostSort('title');
    const all = (await list({ sortBy: 'title' })).items;
    expect(await list({ sortBy: 'title', after: positionOfPost(all[all.length - 1] as Post, sort) })).toEqual({ items: [] });
    const page = await list({ sortBy: 'title', limit: 2, offset: 5, after: positionOfPost(all[0] as Post, sort) });
    expect(postIds(page.items)).toEqual(postIds(all.slice(1, 3)));
  });

  it('continues from a position whose row no longer exists', async () => {
    const sort = parsePostSort('-createdAt');
    const all = (await list({ sortBy: '-createdAt' })).items;
    const pivot = all[4] as Post;
    await uow().transaction(({ posts }) => posts.remove(pivot.id, pivot.version));
    const page = await list({ sortBy: '-createdAt', after: positionOfPost(pivot, sort), limit: 3 });
    expect(postIds(page.items)).toEqual(postIds(all.slice(5, 8)));
  });
}
