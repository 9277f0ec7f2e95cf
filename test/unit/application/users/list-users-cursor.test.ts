import { describe, expect, it } from 'vitest';
import { SealedCursorCodec } from '../../../../src/adapters/security/sealed-cursor-codec.ts';
import type { ListUsersInput, UserListResult } from '../../../../src/application/users/list-users.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { makeService, rejectionOf, seed } from '../harness.ts';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 20, 10, minute));

// 23 users with many ties in every sortable field, so the id tie-break is exercised everywhere.
const NAMES = ['Ann', 'bob', 'Cy', 'ann', 'Bob'];
const USERS: User[] = Array.from({ length: 23 }, (_, i) =>
  aUser()
    .withName(NAMES[i % NAMES.length] as string)
    .withEmail(`u${(i * 7) % 23}@example.com`)
    .withStatus(i % 3 === 0 ? 'inactive' : 'active')
    .withRole(i % 4 === 0 ? 'admin' : 'member')
    .createdAt(at(i % 4))
    .updatedAt(at(10 + (i % 3)))
    .build(),
);

/** The order the API promises, computed independently of the code under test. */
function expectedOrder(users: readonly User[], sort: string): string[] {
  const keys = sort.split(',').map((token) => ({
    field: token.replace(/^-/, '') as 'name' | 'email' | 'createdAt' | 'updatedAt',
    sign: token.startsWith('-') ? -1 : 1,
  }));
  const value = (u: User, f: (typeof keys)[number]['field']) => {
    const v = u[f];
    return v instanceof Date ? v.getTime() : v;
  };
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const last = keys[keys.length - 1]?.sign ?? 1;
  return [...users]
    .sort((a, b) => {
      for (const { field, sign } of keys) {
        const diff = cmp(value(a, field), value(b, field));
        if (diff !== 0) return diff * sign;
      }
      return cmp(a.id, b.id) * last;
    })
    .map((u) => u.id);
}

/** Follows nextCursor from page 1 to the end, collecting ids; fails on a runaway walk. */
async function walk(service: ReturnType<typeof makeService>, input: Omit<ListUsersInput, 'cursor' | 'page'>) {
  const seen: string[] = [];
  const pages: UserListResult[] = [];
  let result = await service.listUsers.execute(input);
  for (;;) {
    pages.push(result);
    seen.push(...result.items.map(({ user }) => user.id));
    const next = result.pagination.nextCursor;
    if (next === null) break;
    if (pages.length > 100) throw new Error('cursor walk does not end');
    result = await service.listUsers.execute({ ...input, cursor: next });
  }
  return { seen, pages };
}

async function serviceWithUsers() {
  const service = makeService();
  await seed(service.uow, ...USERS);
  return service;
}

describe('ListUsers: keyset cursors', () => {
  const SORTS = ['-createdAt', 'createdAt', 'name', '-name', 'email', '-updatedAt', 'name,-createdAt', '-name,email', 'updatedAt,-name,createdAt', '-createdAt,-updatedAt'];

  it.each(SORTS)('a walk with sort %j covers every row exactly once, in order', async (sort) => {
    const service = await serviceWithUsers();
    for (const limit of [1, 4, 5, 23, 50]) {
      const { seen, pages } = await walk(service, { limit, sort });
      expect(seen).toEqual(expectedOrder(USERS, sort));
      expect(new Set(seen).size).toBe(USERS.length);
      expect(pages).toHaveLength(Math.max(1, Math.ceil(USERS.length / limit)));
      for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(limit);
    }
  });

  it('a walk with filters and search covers exactly the matching rows', async () => {
    const service = await serviceWithUsers();
    const matching = USERS.filter((u) => u.status === 'active' && u.role === 'member' && u.name.toLowerCase().includes('b'));
    expect(matching.length).toBeGreaterThan(3);
    const { seen } = await walk(service, { limit: 2, sort: 'name,-createdAt', status: 'active', role: 'member', search: 'B' });
    expect(seen).toEqual(expectedOrder(matching, 'name,-createdAt'));
  });

  it('a cursor page carries only { limit, nextCursor }', async () => {
    const service = await serviceWithUsers();
    const first = await service.listUsers.execute({ limit: 5, sort: 'name' });
    const second = await service.listUsers.execute({ limit: 5, sort: 'name', cursor: first.pagination.nextCursor as string });
    expect(Object.keys(second.pagination).sort()).toEqual(['limit', 'nextCursor']);
    expect(second.pagination.limit).toBe(5);
    expect(second.pagination.nextCursor).toEqual(expect.any(String));
  });

  it('continues after the last row seen even when earlier rows are deleted meanwhile', async () => {
    const service = await serviceWithUsers();
    const order = expectedOrder(USERS, 'email');
    const first = await service.listUsers.execute({ limit: 5, sort: 'email' });
    for (const { user } of first.items) await service.deleteUser.execute({ id: user.id });
    const second = await service.listUsers.execute({ limit: 5, sort: 'email', cursor: first.pagination.nextCursor as string });
    expect(second.items.map(({ user }) => user.id)).toEqual(order.slice(5, 10));
  });

  it('may change the limit between pages', async () => {
    const service = await serviceWithUsers();
    const first = await service.listUsers.execute({ limit: 3, sort: '-name' });
    const second = await service.listUsers.execute({ limit: 7, sort: '-name', cursor: first.pagination.nextCursor as string });
    expect(second.items.map(({ user }) => user.id)).toEqual(expectedOrder(USERS, '-name').slice(3, 10));
  });

  describe('refusals', () => {
    async function firstCursor(input: Omit<ListUsersInput, 'cursor' | 'page'> = { limit: 3, sort: 'name' }) {
      const service = await serviceWithUsers();
      const { pagination } = await service.listUsers.execute(input);
      return { service, cursor: pagination.nextCursor as string };
    }

    async function expectBadCursor(promise: Promise<unknown>) {
      const error = await rejectionOf(promise);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(Object.keys(error.fields ?? {})).toEqual(['cursor']);
    }

    it('refuses a cursor with a character changed in its body', async () => {
      const { service, cursor } = await firstCursor();
      for (const i of [0, 5, Math.floor(cursor.indexOf('.') / 2), cursor.indexOf('.') - 1]) {
        const tampered = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
        await expectBadCursor(service.listUsers.execute({ limit: 3, sort: 'name', cursor: tampered }));
      }
    });

    it('refuses a cursor with a character changed in its signature', async () => {
      const { service, cursor } = await firstCursor();
      const i = cursor.indexOf('.') + 3;
      const tampered = cursor.slice(0, i) + (cursor[i] === 'A' ? 'B' : 'A') + cursor.slice(i + 1);
      await expectBadCursor(service.listUsers.execute({ limit: 3, sort: 'name', cursor: tampered }));
    });

    it.each(['', 'garbage', 'a.b', '.', `${'x'.repeat(40)}.${'y'.repeat(22)}`])('refuses the garbage cursor %j', async (cursor) => {
      const { service } = await firstCursor();
      await expectBadCursor(service.listUsers.execute({ limit: 3, sort: 'name', cursor }));
    });

    it('refuses a cursor signed with another secret', async () => {
      const { service } = await firstCursor();
      const foreign = new SealedCursorCodec('another-secret').encode({ l: '[null,null,null,["name"]]', v: ['Ann'], id: USERS[0]?.id });
      await expectBadCursor(service.listUsers.execute({ limit: 3, sort: 'name', cursor: foreign }));
    });

    it.each<[string, Partial<ListUsersInput>]>([
      ['another sort field', { sort: 'email' }],
      ['another sort direction', { sort: '-name' }],
      ['an extra sort key', { sort: 'name,createdAt' }],
      ['a status filter', { status: 'active' }],
      ['a role filter', { role: 'member' }],
      ['a search', { search: 'ann' }],
    ])('refuses a cursor reused with %s', async (_why, change) => {
      const { service, cursor } = await firstCursor();
      await expectBadCursor(service.listUsers.execute({ limit: 3, sort: 'name', ...change, cursor }));
    });

    it('refuses a cursor of a filtered list reused without the filter', async () => {
      const { service, cursor } = await firstCursor({ limit: 2, sort: 'name', status: 'active', search: 'b' });
      await expectBadCursor(service.listUsers.execute({ limit: 2, sort: 'name', search: 'b', cursor }));
      await expectBadCursor(service.listUsers.execute({ limit: 2, sort: 'name', status: 'inactive', search: 'b', cursor }));
      // ...and takes it with the very same filters.
      const ok = await service.listUsers.execute({ limit: 2, sort: 'name', status: 'active', search: 'b', cursor });
      expect(ok.items).toHaveLength(2);
    });

    it('refuses a well-signed cursor whose content is not a position of this listing', async () => {
      const { service } = await firstCursor();
      const listing = '[null,null,null,["createdAt"]]';
      const id = USERS[0]?.id as string;
      for (const payload of [
        { l: listing, v: ['not a date'], id },
        { l: listing, v: [], id },
        { l: listing, v: ['2024-01-20T10:00:00.000Z', 'extra'], id },
        { l: listing, v: ['2024-01-20T10:00:00.000Z'], id: 'not-an-id' },
        { l: listing, v: [123], id },
        { v: ['2024-01-20T10:00:00.000Z'], id },
        ['an', 'array'],
        'a string',
        null,
      ]) {
        const cursor = service.cursors.encode(payload);
        await expectBadCursor(service.listUsers.execute({ limit: 3, sort: 'createdAt', cursor }));
      }
    });

    it('refuses a cursor together with a page, as VALIDATION_ERROR', async () => {
      const { service, cursor } = await firstCursor();
      const error = await rejectionOf(service.listUsers.execute({ limit: 3, sort: 'name', page: 2, cursor }));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(Object.keys(error.fields ?? {}).some((key) => key === 'page' || key === 'cursor')).toBe(true);
      const pageOne = await rejectionOf(service.listUsers.execute({ limit: 3, sort: 'name', page: 1, cursor }));
      expect(pageOne.code).toBe('VALIDATION_ERROR');
    });
  });
});
