import { describe, expect, it } from 'vitest';
import type { OffsetPagination } from '../../../../src/application/users/list-users.ts';
import type { SeenUser } from '../../../../src/application/users/user-visibility.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { makeService, rejectionOf, seed } from '../harness.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 20, 10, minute));
const names = (seen: readonly SeenUser[]) => seen.map(({ user }) => user.name);
const ids = (seen: readonly SeenUser[]) => seen.map(({ user }) => user.id);

async function serviceWith(...users: User[]) {
  const service = makeService();
  await seed(service.uow, ...users);
  return service;
}

describe('ListUsers: offset pages', () => {
  it('defaults to newest first (-createdAt), page 1, with the pagination block', async () => {
    const service = await serviceWith(
      aUser().withName('old').createdAt(at(1)).build(),
      aUser().withName('new').createdAt(at(3)).build(),
      aUser().withName('mid').createdAt(at(2)).build(),
    );
    const { items, pagination } = await service.listUsers.execute({ limit: 20 });
    expect(names(items)).toEqual(['new', 'mid', 'old']);
    expect(pagination).toEqual({ page: 1, limit: 20, total: 3, totalPages: 1, nextCursor: null });
  });

  it('counts total and totalPages as ceil(total / limit), and pages through', async () => {
    const users = [1, 2, 3, 4, 5].map((m) => aUser().withName(`u${m}`).createdAt(at(m)).build());
    const service = await serviceWith(...users);
    const page1 = await service.listUsers.execute({ limit: 2, sort: 'createdAt' });
    expect(names(page1.items)).toEqual(['u1', 'u2']);
    expect(page1.pagination).toMatchObject({ page: 1, limit: 2, total: 5, totalPages: 3 });
    expect((page1.pagination as OffsetPagination).nextCursor).toEqual(expect.any(String));
    const page3 = await service.listUsers.execute({ page: 3, limit: 2, sort: 'createdAt' });
    expect(names(page3.items)).toEqual(['u5']);
    expect(page3.pagination).toEqual({ page: 3, limit: 2, total: 5, totalPages: 3, nextCursor: null });
  });

  it('answers an empty page past the end with the true totals', async () => {
    const service = await serviceWith(aUser().build(), aUser().build(), aUser().build());
    const { items, pagination } = await service.listUsers.execute({ page: 9, limit: 2 });
    expect(items).toEqual([]);
    expect(pagination).toEqual({ page: 9, limit: 2, total: 3, totalPages: 2, nextCursor: null });
  });

  it('answers total 0 and totalPages 0 when nothing matches', async () => {
    const service = makeService();
    expect(await service.listUsers.execute({ limit: 20 })).toEqual({
      items: [],
      pagination: { page: 1, limit: 20, total: 0, totalPages: 0, nextCursor: null },
    });
    await seed(service.uow, aUser().withStatus('active').build());
    const filtered = await service.listUsers.execute({ limit: 20, status: 'suspended' });
    expect(filtered.pagination).toMatchObject({ total: 0, totalPages: 0 });
  });

  it('gives no nextCursor on a last page that is exactly full', async () => {
    const service = await serviceWith(aUser().build(), aUser().build(), aUser().build(), aUser().build());
    expect((await service.listUsers.execute({ page: 2, limit: 2 })).pagination).toMatchObject({ totalPages: 2, nextCursor: null });
  });
});

describe('ListUsers: sort', () => {
  const alice = aUser().withName('alice').withEmail('z@example.com').createdAt(at(2)).updatedAt(at(9)).build();
  const bob = aUser().withName('Bob').withEmail('b@example.com').createdAt(at(1)).updatedAt(at(5)).build();
  const carol = aUser().withName('carol').withEmail('m@example.com').createdAt(at(3)).updatedAt(at(7)).build();

  it.each([
    ['name', ['Bob', 'alice', 'carol']], // code-point order: upper case first, like COLLATE "C"
    ['-name', ['carol', 'alice', 'Bob']],
    ['email', ['Bob', 'carol', 'alice']],
    ['-email', ['alice', 'carol', 'Bob']],
    ['createdAt', ['Bob', 'alice', 'carol']],
    ['-createdAt', ['carol', 'alice', 'Bob']],
    ['updatedAt', ['Bob', 'carol', 'alice']],
    ['-updatedAt', ['alice', 'carol', 'Bob']],
    [' name ', ['Bob', 'alice', 'carol']],
  ])('sorts by %j', async (sort, expected) => {
    const service = await serviceWith(alice, bob, carol);
    expect(names((await service.listUsers.execute({ limit: 10, sort })).items)).toEqual(expected);
  });

  it('applies later keys to ties in earlier ones', async () => {
    const a1 = aUser().withName('same').withEmail('a1@example.com').withRole('admin').build();
    const a2 = aUser().withName('same').withEmail('a2@example.com').build();
    const b = aUser().withName('other').withEmail('b@example.com').build();
    const service = await serviceWith(a1, b, a2);
    expect(ids((await service.listUsers.execute({ limit: 10, sort: 'name,-email' })).items)).toEqual([b.id, a2.id, a1.id]);
    expect(ids((await service.listUsers.execute({ limit: 10, sort: '-name,email' })).items)).toEqual([a1.id, a2.id, b.id]);
  });

  it.each([
    ['an unknown field', 'age'],
    ['a field that exists but may not be sorted on', 'passwordHash'],
    ['an unknown field after a good one', 'name,-role'],
    ['an empty value', ''],
    ['a trailing comma', 'name,'],
    ['a lone minus', '-'],
    ['a double minus', '--name'],
    ['a plus', '+name'],
    ['a field given twice', 'name,-name'],
    ['a field given twice, same direction', 'createdAt,email,createdAt'],
  ])('rejects %s as VALIDATION_ERROR on `sort`', async (_why, sort) => {
    const error = await rejectionOf(makeService().listUsers.execute({ limit: 10, sort }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {})).toEqual(['sort']);
    expect(error.fields?.sort).toEqual(expect.any(String));
  });
});

describe('ListUsers: ties are broken by id, in the direction of the last sort key', () => {
  // Builders hand out increasing ids, so creation order here is id order.
  const tied = [1, 2, 3, 4].map(() => aUser().withName('Tie').createdAt(at(5)).updatedAt(at(5)).build());
  const other = aUser().withName('Other').createdAt(at(6)).updatedAt(at(6)).build();
  const tiedIds = tied.map((user) => user.id);
  const reversed = [...tiedIds].reverse();

  it.each([
    ['name', [other.id, ...tiedIds]],
    ['-name', [...reversed, other.id]],
    ['createdAt', [...tiedIds, other.id]],
    ['-createdAt', [other.id, ...reversed]],
    ['-name,createdAt', [...tiedIds, other.id]],
    ['name,-updatedAt', [other.id, ...reversed]],
  ])('%s', async (sort, expected) => {
    const service = await serviceWith(tied[2] as User, other, tied[0] as User, tied[3] as User, tied[1] as User);
    expect(ids((await service.listUsers.execute({ limit: 10, sort })).items)).toEqual(expected);
  });

  it('so offset pages of a tied list neither repeat nor skip a row', async () => {
    const service = await serviceWith(...tied, other);
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) seen.push(...ids((await service.listUsers.execute({ page, limit: 1 })).items));
    expect(seen).toEqual([other.id, ...reversed]);
  });
});

describe('ListUsers: search and filters', () => {
  const alice = aUser().withName('Alice Smith').withEmail('alice@example.com').withRole('admin').createdAt(at(1)).build();
  const bob = aUser().withName('Bob').withEmail('bob.SMITH@example.org').withStatus('inactive').createdAt(at(2)).build();
  const carol = aUser().withName('Carol').withEmail('carol@example.com').withStatus('inactive').withRole('admin').createdAt(at(3)).build();
  const percent = aUser().withName('100% Pure').withEmail('pure@example.com').createdAt(at(4)).build();
  const underscore = aUser().withName('snake_case').withEmail('snake@example.com').createdAt(at(5)).build();
  const backslash = aUser().withName('back\\slash').withEmail('back@example.com').createdAt(at(6)).build();
  const everyone = [alice, bob, carol, percent, underscore, backslash];

  async function search(input: { search?: string; status?: User['status']; role?: User['role'] }) {
    const service = await serviceWith(...everyone);
    const result = await service.listUsers.execute({ limit: 50, sort: 'createdAt', ...input });
    return { names: names(result.items), total: (result.pagination as OffsetPagination).total };
  }

  it('matches a substring of the name or of the email, case-insensitively', async () => {
    expect(await search({ search: 'smith' })).toEqual({ names: ['Alice Smith', 'Bob'], total: 2 });
    expect(await search({ search: 'SMITH' })).toEqual({ names: ['Alice Smith', 'Bob'], total: 2 });
    expect(await search({ search: 'ExAmPlE.OrG' })).toEqual({ names: ['Bob'], total: 1 });
    expect(await search({ search: 'aro' })).toEqual({ names: ['Carol'], total: 1 });
  });

  it('ignores surrounding whitespace, and a blank search means no search', async () => {
    expect((await search({ search: '  carol  ' })).names).toEqual(['Carol']);
    expect((await search({ search: '   ' })).total).toBe(everyone.length);
  });

  it('treats %, _ and \\ as themselves, not as patterns', async () => {
    expect((await search({ search: '%' })).names).toEqual(['100% Pure']);
    expect((await search({ search: '_' })).names).toEqual(['snake_case']);
    expect((await search({ search: '\\' })).names).toEqual(['back\\slash']);
    expect((await search({ search: 'a%e' })).names).toEqual([]);
    expect((await search({ search: 'b_b' })).names).toEqual([]);
    expect((await search({ search: 'nowhere' })).total).toBe(0);
  });

  it('filters by status and by role', async () => {
    expect(await search({ status: 'inactive' })).toEqual({ names: ['Bob', 'Carol'], total: 2 });
    expect(await search({ role: 'admin' })).toEqual({ names: ['Alice Smith', 'Carol'], total: 2 });
    expect(await search({ status: 'suspended' })).toEqual({ names: [], total: 0 });
  });

  it('combines filters and search with AND, and counts only what matches all', async () => {
    expect(await search({ status: 'inactive', role: 'admin' })).toEqual({ names: ['Carol'], total: 1 });
    expect(await search({ status: 'inactive', search: 'smith' })).toEqual({ names: ['Bob'], total: 1 });
    expect(await search({ role: 'admin', search: 'example.com' })).toEqual({ names: ['Alice Smith', 'Carol'], total: 2 });
    expect(await search({ status: 'active', role: 'admin', search: 'carol' })).toEqual({ names: [], total: 0 });
  });

  it('pages the filtered list with totals of the filtered list', async () => {
    const service = await serviceWith(...everyone);
    const { items, pagination } = await service.listUsers.execute({ limit: 1, page: 2, status: 'active', sort: 'createdAt' });
    expect(names(items)).toEqual(['100% Pure']);
    expect(pagination).toMatchObject({ total: 4, totalPages: 4 });
  });
});
