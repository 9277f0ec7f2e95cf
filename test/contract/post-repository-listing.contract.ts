import { beforeEach, describe, expect, it } from 'vitest';
import type { Post, PostStatus } from '../../src/domain/post.ts';
import type { Authors } from './post-repository.contract.ts';
import {
  ALL_DRAFTS,
  aPost,
  draftsOf,
  listPosts,
  PUBLISHED_ONLY,
  postIds,
  storePosts,
  titles,
  type PostListRequest,
} from './post-fixtures.ts';
import { at, userId, type ContractContext } from './user-fixtures.ts';

type Row = [title: string, body: string, author: keyof Authors, status: PostStatus, created: number, updated: number];

/**
 * Distinct values in every sort field, chosen so that code-point order differs from a locale's
 * (case, accents, full-width forms) and from JavaScript's UTF-16 order (an emoji past U+FFFF).
 */
const SORTABLE: Row[] = [
  ['Zed', 'A zebra crossing', 'ann', 'published', 5, 20],
  ['adam', 'The first man', 'bob', 'published', 3, 24],
  ['Émile', 'An accent grave', 'ann', 'draft', 7, 21],
  ['Bob draft', 'Not ready', 'bob', 'draft', 1, 23],
  ['😀 Smile', 'Emoji', 'cy', 'published', 4, 22],
  ['Ｚｅｄ', 'Full width', 'cy', 'draft', 2, 26],
  ['apple', 'Fruit', 'bob', 'published', 6, 25],
];

const ASCENDING: Record<string, string[]> = {
  title: ['Bob draft', 'Zed', 'adam', 'apple', 'Émile', 'Ｚｅｄ', '😀 Smile'],
  createdAt: ['Bob draft', 'Ｚｅｄ', 'adam', '😀 Smile', 'Zed', 'apple', 'Émile'],
  updatedAt: ['Zed', 'Émile', '😀 Smile', 'Bob draft', 'adam', 'apple', 'Ｚｅｄ'],
};

/** Filters, search, the drafts rule, sorting, offset pages with totals. */
export function postListingContract(context: () => ContractContext, authors: () => Authors): void {
  const uow = () => context().uow;
  const list = (query: PostListRequest = {}) => listPosts(uow(), query);
  const titlesOf = async (query: PostListRequest) => titles(await list({ sortBy: 'title', ...query }));
  const seedSortable = () =>
    storePosts(
      uow(),
      ...SORTABLE.map(([title, body, author, status, created, updated]) =>
        aPost(authors()[author], { title, body, status, createdAt: at(created), updatedAt: at(updated) }),
      ),
    );

  describe('filters and visibility', () => {
    beforeEach(seedSortable);

    it('shows every draft to allDrafts, only published posts to draftsOf null, and own drafts to an author', async () => {
      const { ann, bob } = authors();
      expect(await list({ sortBy: 'title', visibility: ALL_DRAFTS })).toMatchObject({ total: 7 });
      expect(await titlesOf({ visibility: PUBLISHED_ONLY })).toEqual(['Zed', 'adam', 'apple', '😀 Smile']);
      expect((await list({ visibility: PUBLISHED_ONLY })).total).toBe(4);
      expect(await titlesOf({ visibility: draftsOf(ann) })).toEqual(['Zed', 'adam', 'apple', 'Émile', '😀 Smile']);
      expect((await list({ visibility: draftsOf(ann) })).total).toBe(5);
      expect(await titlesOf({ visibility: draftsOf(bob) })).toEqual(['Bob draft', 'Zed', 'adam', 'apple', '😀 Smile']);
      expect(await titlesOf({ visibility: draftsOf(userId('a stranger')) })).toEqual(['Zed', 'adam', 'apple', '😀 Smile']);
    });

    it("filters by author, within what the reader may see: another author's drafts stay hidden", async () => {
      const { ann, bob, cy } = authors();
      expect(await titlesOf({ authorId: bob.id })).toEqual(['Bob draft', 'adam', 'apple']);
      expect(await list({ sortBy: 'title', authorId: bob.id, visibility: draftsOf(ann) })).toMatchObject({ total: 2 });
      expect(await titlesOf({ authorId: bob.id, visibility: draftsOf(ann) })).toEqual(['adam', 'apple']);
      expect(await titlesOf({ authorId: bob.id, visibility: draftsOf(bob) })).toEqual(['Bob draft', 'adam', 'apple']);
      expect(await titlesOf({ authorId: cy.id, visibility: PUBLISHED_ONLY })).toEqual(['😀 Smile']);
      expect(await list({ authorId: userId('nobody') })).toEqual({ items: [], total: 0 });
    });

    it('filters by status, within what the reader may see', async () => {
      const { ann } = authors();
      expect(await titlesOf({ status: 'draft' })).toEqual(['Bob draft', 'Émile', 'Ｚｅｄ']);
      expect(await titlesOf({ status: 'published' })).toEqual(['Zed', 'adam', 'apple', '😀 Smile']);
      expect(await list({ status: 'draft', visibility: draftsOf(ann) })).toMatchObject({ total: 1, items: [{ title: 'Émile' }] });
      expect(await list({ status: 'draft', visibility: PUBLISHED_ONLY })).toEqual({ items: [], total: 0 });
    });

    it('searches title or body as a case-insensitive substring, within what the reader may see', async () => {
      const { ann } = authors();
      expect(await titlesOf({ search: 'ZEBRA' })).toEqual(['Zed']);
      expect(await titlesOf({ search: 'fruit' })).toEqual(['apple']);
      expect(await titlesOf({ search: 'ZED' })).toEqual(['Zed']);
      expect(await titlesOf({ search: 'a' })).toEqual(['Bob draft', 'Zed', 'adam', 'apple', 'Émile']);
      expect(await titlesOf({ search: 'émile' })).toEqual(['Émile']);
      expect(await titlesOf({ search: 'GRAVE', visibility: PUBLISHED_ONLY })).toEqual([]);
      expect(await titlesOf({ search: 'GRAVE', visibility: draftsOf(ann) })).toEqual(['Émile']);
    });

    it('combines author, status, search and visibility with AND; the total counts only what matches', async () => {
      const { bob } = authors();
      const page = await list({ sortBy: 'title', authorId: bob.id, status: 'published', search: 'A', visibility: draftsOf(bob), limit: 1 });
      expect(titles(page)).toEqual(['adam']);
      expect(page.total).toBe(2);
    });
  });

  describe('search escaping', () => {
    beforeEach(async () => {
      const { ann, bob } = authors();
      await storePosts(
        uow(),
        ...['a%b', 'a_b', 'a\\b', 'axb', "O'Brien?"].map((title) => aPost(ann, { title, body: 'plain' })),
        aPost(bob, { title: 'Percent body', body: 'up 100% today' }),
        aPost(bob, { title: 'Underscore body', body: 'snake_case' }),
        aPost(bob, { title: 'Backslash body', body: 'C:\\path' }),
      );
    });

    it('matches %, _ and \\ (and quotes, question marks) literally, in title or body', async () => {
      expect(await titlesOf({ search: '%' })).toEqual(['Percent body', 'a%b']);
      expect(await titlesOf({ search: '_' })).toEqual(['Underscore body', 'a_b']);
      expect(await titlesOf({ search: '\\' })).toEqual(['Backslash body', 'a\\b']);
      expect(await titlesOf({ search: 'a_b' })).toEqual(['a_b']);
      expect(await titlesOf({ search: 'A%B' })).toEqual(['a%b']);
      expect(await titlesOf({ search: '0%' })).toEqual(['Percent body']);
      expect(await titlesOf({ search: "'" })).toEqual(["O'Brien?"]);
      expect(await titlesOf({ search: 'n?' })).toEqual(["O'Brien?"]);
      expect(await list({ search: 'nothing like this' })).toEqual({ items: [], total: 0 });
    });
  });

  describe('sort order', () => {
    beforeEach(seedSortable);

    for (const [field, expected] of Object.entries(ASCENDING)) {
      it(`sorts by ${field} ascending and descending (titles by code point)`, async () => {
        expect(titles(await list({ sortBy: field }))).toEqual(expected);
        expect(titles(await list({ sortBy: `-${field}` }))).toEqual([...expected].reverse());
      });
    }

    it('puts "Zed" before "adam": code-point order, not a locale\'s', async () => {
      const order = titles(await list({ sortBy: 'title' }));
      expect(order.indexOf('Zed')).toBeLessThan(order.indexOf('adam'));
    });
  });

  describe('ties', () => {
    let same: Post[];
    beforeEach(async () => {
      const { ann, bob } = authors();
      same = [1, 2, 3, 4, 5].map((n) => aPost(n % 2 ? ann : bob, { title: 'Same', createdAt: at(0), updatedAt: at(0) }));
      await storePosts(uow(), ...same, aPost(ann, { title: 'Other', createdAt: at(0), updatedAt: at(0) }));
    });
    const byId = () => postIds(same).sort();

    it('breaks ties by id in the direction of the last sort key', async () => {
      expect(postIds((await list({ sortBy: 'title' })).items).slice(1)).toEqual(byId());
      expect(postIds((await list({ sortBy: '-title' })).items).slice(0, 5)).toEqual(byId().reverse());
      expect(postIds((await list({ sortBy: 'title,-createdAt' })).items).slice(1)).toEqual(byId().reverse());
      expect(postIds((await list({ sortBy: '-createdAt,title' })).items).slice(1)).toEqual(byId());
      expect(postIds((await list({ sortBy: '-title,updatedAt' })).items).slice(0, 5)).toEqual(byId());
      expect(postIds((await list({ sortBy: '-updatedAt' })).items)).toEqual(postIds((await list({ sortBy: '-createdAt' })).items));
    });

    it('orders by id alone when no sort key is given', async () => {
      const page = await uow().read(({ posts }) => posts.list({ visibility: ALL_DRAFTS, sort: [], limit: 10 }));
      expect(postIds(page.items)).toEqual([...postIds(page.items)].sort());
      expect(page.total).toBe(6);
    });

    it('orders by the second key within equal first keys', async () => {
      const { cy } = authors();
      await storePosts(uow(), ...[3, 1, 2].map((minute) => aPost(cy, { title: 'Dup', body: `dup ${minute}`, createdAt: at(minute) })));
      const bodiesOf = (posts: Post[]) => posts.filter((p) => p.title === 'Dup').map((p) => p.body);
      expect(bodiesOf((await list({ sortBy: 'title,-createdAt' })).items)).toEqual(['dup 3', 'dup 2', 'dup 1']);
      expect(bodiesOf((await list({ sortBy: 'title,createdAt' })).items)).toEqual(['dup 1', 'dup 2', 'dup 3']);
    });
  });

  describe('offset pages', () => {
    beforeEach(seedSortable);

    it('pages in order with the exact total on every page, drafts hidden from both', async () => {
      const pages = await Promise.all([0, 3, 6].map((offset) => list({ limit: 3, offset, visibility: PUBLISHED_ONLY })));
      expect(pages.map((page) => page.total)).toEqual([4, 4, 4]);
      expect(pages.flatMap((page) => titles(page))).toEqual(['apple', 'Zed', '😀 Smile', 'adam']);
      const all = await Promise.all([0, 3, 6].map((offset) => list({ limit: 3, offset })));
      expect(all.map((page) => [page.items.length, page.total])).toEqual([[3, 7], [3, 7], [1, 7]]);
      expect(all.flatMap((page) => titles(page))).toEqual([...(ASCENDING.createdAt as string[])].reverse());
    });

    it('answers a page past the end with no items and the true total', async () => {
      expect(await list({ limit: 3, offset: 9, visibility: draftsOf(authors().ann) })).toEqual({ items: [], total: 5 });
    });
  });
}
