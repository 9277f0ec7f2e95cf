import { beforeEach, expect, it } from 'vitest';
import { parseUserSort } from '../../src/application/ports/user-list-query.ts';
import type { User } from '../../src/domain/user.ts';
import { aUser, at, ids, list, positionOf, store, walkByKeyset, type ContractContext } from './user-fixtures.ts';

const NAMES = ['Ann', 'Bob', 'Ann', "O'Ann", 'Émile', 'Bob', 'Ann', '😀', 'Ｚ', 'alice', 'Bob', 'Ann', 'Cy', 'Ann'];

/** Every sort shape: uniform directions (row comparison) and mixed ones (the expanded OR chain). */
const SORTS = ['-createdAt', 'createdAt', 'name', '-name', 'name,-createdAt', '-createdAt,name', 'email', '-updatedAt,name,createdAt', 'updatedAt,-email', '-name,-updatedAt'];

/** Keyset continuation: the same rows as offset paging, in the same order, none skipped or repeated. */
export function keysetContract(context: () => ContractContext): void {
  const uow = () => context().uow;
  let everyone: User[];

  beforeEach(async () => {
    // Few distinct values per field, so every comparison branch meets ties.
    everyone = NAMES.map((name, i) =>
      aUser({
        name,
        email: `k${String((i * 5) % NAMES.length).padStart(2, '0')}@example.com`,
        status: i % 3 === 0 ? 'inactive' : 'active',
        createdAt: at(i % 4),
        updatedAt: at(10 + (i % 3)),
      }),
    );
    await store(uow(), ...everyone);
  });

  for (const sortBy of SORTS) {
    it(`continues ${sortBy} exactly like the offset order, page size 1, 3 and 5`, async () => {
      const offsetOrder = ids((await list(uow(), { sortBy })).items);
      expect(offsetOrder).toHaveLength(everyone.length);
      for (const pageSize of [1, 3, 5]) {
        const walked = ids(await walkByKeyset(uow(), { sortBy }, pageSize));
        expect(walked).toEqual(offsetOrder);
      }
    });
  }

  it('continues a filtered and searched listing over exactly the matching rows', async () => {
    const query = { sortBy: 'name,-createdAt', status: 'active' as const, search: 'AN' };
    const offsetOrder = ids((await list(uow(), query)).items);
    // Active rows named Ann (ties on name, apart from O'Ann, which is inactive).
    expect(offsetOrder).toHaveLength(3);
    for (const pageSize of [1, 2]) expect(ids(await walkByKeyset(uow(), query, pageSize))).toEqual(offsetOrder);
  });

  it('returns nothing after the last row, and ignores any offset', async () => {
    const sort = parseUserSort('name');
    const all = (await list(uow(), { sortBy: 'name' })).items;
    const last = all[all.length - 1] as User;
    expect(await list(uow(), { sortBy: 'name', after: positionOf(last, sort) })).toEqual({ items: [] });
    const first = all[0] as User;
    const page = await list(uow(), { sortBy: 'name', limit: 2, offset: 5, after: positionOf(first, sort) });
    expect(ids(page.items)).toEqual(ids(all.slice(1, 3)));
  });

  it('continues from a position whose row no longer exists', async () => {
    const sort = parseUserSort('-createdAt');
    const all = (await list(uow(), { sortBy: '-createdAt' })).items;
    const pivot = all[4] as User;
    await uow().transaction(({ users }) => users.remove(pivot.id, pivot.version));
    const page = await list(uow(), { sortBy: '-createdAt', after: positionOf(pivot, sort), limit: 3 });
    expect(ids(page.items)).toEqual(ids(all.slice(5, 8)));
  });
}
