import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { aUser, at, ids, list, names, store, type ContractContext } from './user-fixtures.ts';

/**
 * Distinct values in every sort field, chosen so that code-point order differs from both a
 * locale's order (case and accents) and JavaScript's UTF-16 order (an emoji past U+FFFF).
 */
const SORTABLE: [name: string, email: string, created: number, updated: number][] = [
  ['Bob', 'm@example.com', 5, 10],
  ['Zed', 'a@example.com', 3, 14],
  ['alice', 'z@example.com', 7, 12],
  ['bob', 'b.b@example.com', 1, 13],
  ['Émile', 'é@example.com', 6, 11],
  ['Ｚｅｄ', 'c@example.com', 2, 16],
  ['😀 Smile', 'a-smile@example.com', 4, 15],
];

const ASCENDING: Record<string, string[]> = {
  name: ['Bob', 'Zed', 'alice', 'bob', 'Émile', 'Ｚｅｄ', '😀 Smile'],
  email: ['😀 Smile', 'Zed', 'bob', 'Ｚｅｄ', 'Bob', 'alice', 'Émile'],
  createdAt: ['bob', 'Ｚｅｄ', 'Zed', '😀 Smile', 'Bob', 'Émile', 'alice'],
  updatedAt: ['Bob', 'Émile', 'alice', 'bob', 'Zed', '😀 Smile', 'Ｚｅｄ'],
};

/** Sorting, ties, offset pages and totals, filters and search. */
export function listingContract(context: () => ContractContext): void {
  const uow = () => context().uow;

  describe('sort order', () => {
    beforeEach(async () => {
      await store(uow(), ...SORTABLE.map(([name, email, created, updated]) => aUser({ name, email, createdAt: at(created), updatedAt: at(updated) })));
    });

    for (const [field, expected] of Object.entries(ASCENDING)) {
      it(`sorts by ${field} ascending and descending (text by code point)`, async () => {
        expect(names(await list(uow(), { sortBy: field }))).toEqual(expected);
        expect(names(await list(uow(), { sortBy: `-${field}` }))).toEqual([...expected].reverse());
      });
    }

    it('defaults to newest first in the use case order (-createdAt)', async () => {
      expect(names(await list(uow(), {}))).toEqual([...ASCENDING.createdAt as string[]].reverse());
    });
  });

  describe('ties', () => {
    let same: User[];
    beforeEach(async () => {
      same = [1, 2, 3, 4, 5].map((n) => aUser({ name: 'Same', email: `same${n}@example.com`, createdAt: at(0) }));
      await store(uow(), ...same, aUser({ name: 'Other', createdAt: at(0) }));
    });
    const byId = () => ids(same).sort();

    it('breaks ties by id in the direction of the last sort key', async () => {
      expect(ids((await list(uow(), { sortBy: 'name' })).items).slice(1)).toEqual(byId());
      expect(ids((await list(uow(), { sortBy: '-name' })).items).slice(0, 5)).toEqual(byId().reverse());
      expect(ids((await list(uow(), { sortBy: 'name,-createdAt' })).items).slice(1)).toEqual(byId().reverse());
      expect(ids((await list(uow(), { sortBy: '-createdAt,name' })).items).slice(1)).toEqual(byId());
      expect(ids((await list(uow(), { sortBy: '-name,createdAt' })).items).slice(0, 5)).toEqual(byId());
    });

    it('orders by the second key within equal first keys', async () => {
      await store(uow(), ...[3, 1, 2].map((minute) => aUser({ name: 'Dup', email: `dup${minute}@example.com`, createdAt: at(minute) })));
      const emailsOf = (users: User[]) => users.filter((u) => u.name === 'Dup').map((u) => u.email);
      expect(emailsOf((await list(uow(), { sortBy: 'name,-createdAt' })).items)).toEqual(['dup3@example.com', 'dup2@example.com', 'dup1@example.com']);
      expect(emailsOf((await list(uow(), { sortBy: 'name,createdAt' })).items)).toEqual(['dup1@example.com', 'dup2@example.com', 'dup3@example.com']);
    });
  });

  describe('offset pages', () => {
    beforeEach(async () => {
      await store(uow(), ...[1, 2, 3, 4, 5, 6, 7].map((n) => aUser({ name: `User ${n}`, createdAt: at(n) })));
    });

    it('pages in order with the exact total on every page', async () => {
      const pages = await Promise.all([0, 3, 6].map((offset) => list(uow(), { limit: 3, offset })));
      expect(pages.map((page) => page.total)).toEqual([7, 7, 7]);
      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((page) => names(page))).toEqual(['User 7', 'User 6', 'User 5', 'User 4', 'User 3', 'User 2', 'User 1']);
    });

    it('answers a page past the end with no items and the true total', async () => {
      expect(await list(uow(), { limit: 3, offset: 9 })).toEqual({ items: [], total: 7 });
    });

    it('counts zero when nothing matches', async () => {
      expect(await list(uow(), { search: 'nothing like this' })).toEqual({ items: [], total: 0 });
    });
  });

  describe('filters and search', () => {
    beforeEach(async () => {
      await store(
        uow(),
        aUser({ name: 'Alice Admin', email: 'alice@corp.example', role: 'admin' }),
        aUser({ name: 'Alan Member', email: 'alan@corp.example' }),
        aUser({ name: 'Alba Suspended', email: 'alba@other.example', status: 'suspended' }),
        aUser({ name: 'Bert', email: 'bert@corp.example', status: 'inactive', role: 'admin' }),
        aUser({ name: 'Carl', email: 'carl@alpine.example' }),
      );
    });
    const names_ = async (query: Parameters<typeof list>[1]) => names(await list(uow(), { sortBy: 'name', ...query }));

    it('filters by status and by role', async () => {
      expect(await names_({ status: 'active' })).toEqual(['Alan Member', 'Alice Admin', 'Carl']);
      expect(await names_({ status: 'suspended' })).toEqual(['Alba Suspended']);
      expect(await names_({ role: 'admin' })).toEqual(['Alice Admin', 'Bert']);
    });

    it('combines filters and search with AND, and the total counts only what matches', async () => {
      const page = await list(uow(), { sortBy: 'name', status: 'active', role: 'member', search: 'al', limit: 1 });
      expect(names(page)).toEqual(['Alan Member']);
      expect(page.total).toBe(2);
      expect(await names_({ status: 'active', role: 'member', search: 'al' })).toEqual(['Alan Member', 'Carl']);
    });

    it('gives a searched page its exact total on every page, past the end too', async () => {
      const pages = await Promise.all([0, 1, 2, 5].map((offset) => list(uow(), { sortBy: 'name', search: 'al', limit: 1, offset })));
      expect(pages.map((page) => page.total)).toEqual([4, 4, 4, 4]);
      expect(pages.map((page) => names(page))).toEqual([['Alan Member'], ['Alba Suspended'], ['Alice Admin'], []]);
    });

    it('searches name or email as a case-insensitive substring', async () => {
      expect(await names_({ search: 'AL' })).toEqual(await names_({ search: 'al' }));
      expect(await names_({ search: 'CORP.EX' })).toEqual(['Alan Member', 'Alice Admin', 'Bert']);
      expect(await names_({ search: 'pine' })).toEqual(['Carl']);
    });

    it('searches names only with searchNamesOnly: an email fragment finds nobody, and the total agrees', async () => {
      expect(await list(uow(), { search: 'corp.ex', searchNamesOnly: true })).toEqual({ items: [], total: 0 });
      expect(await names_({ search: 'pine', searchNamesOnly: true })).toEqual([]); // carl@alpine.example
      expect(await names_({ search: 'AL', searchNamesOnly: true })).toEqual(['Alan Member', 'Alba Suspended', 'Alice Admin']);
      const page = await list(uow(), { sortBy: 'name', search: 'al', searchNamesOnly: true, limit: 1 });
      expect(page.total).toBe(3);
    });

    it('folds case beyond ASCII, one character at a time as PostgreSQL lower() does', async () => {
      await store(uow(), aUser({ name: 'Émile Zola' }), aUser({ name: 'ΟΔΥΣΣΕΥΣ' }));
      expect(await names_({ search: 'émile' })).toEqual(['Émile Zola']);
      expect(await names_({ search: 'ÉMILE' })).toEqual(['Émile Zola']);
      expect(await names_({ search: 'οδυσσευσ' })).toEqual(['ΟΔΥΣΣΕΥΣ']);
    });

    it('matches %, _ and \\ (and quotes, question marks) literally', async () => {
      await store(uow(), ...['a%b', 'a_b', 'a\\b', 'axb', "O'Brien?", 'O Brien'].map((name) => aUser({ name })));
      expect(await names_({ search: '%' })).toEqual(['a%b']);
      expect(await names_({ search: '_' })).toEqual(['a_b']);
      expect(await names_({ search: '\\' })).toEqual(['a\\b']);
      expect(await names_({ search: 'a_b' })).toEqual(['a_b']);
      expect(await names_({ search: 'a%b' })).toEqual(['a%b']);
      expect(await names_({ search: "'" })).toEqual(["O'Brien?"]);
      expect(await names_({ search: "n?" })).toEqual(["O'Brien?"]);
    });
  });
}
