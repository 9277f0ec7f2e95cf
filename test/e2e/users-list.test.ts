import { SYSTEM_ACTOR } from '../../src/application/shared/actor.ts';
import type { UserId } from '../../src/domain/user.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpApp, createUserViaApi, type TestApp } from '../support/http-app.ts';

type User = { id: string; name: string; email: string; status: string; role: string; createdAt: string };
type Page = { data: User[]; pagination: Record<string, unknown> & { nextCursor: string | null } };

let t: TestApp;
/** In creation order (the clock steps 1 ms per user, so createdAt orders them too). */
let seeded: User[];
/**
 * The seeded admin that signs the requests: created in 2000, so it is the oldest user and counted
 * in every listing. Its email is pinned (it comes with a random UUID) so that searches are
 * deterministic: a UUID's hex digits could otherwise contain `ada`.
 */
const ADMIN_NAME = 'Test Admin';
const ADMIN_EMAIL = 'chief@example.net';
let adminId: UserId;

const SEED: [string, string, string?, string?][] = [
  ['Ada Lovelace', 'ada@example.com'],
  ['bob', 'bob@example.com', 'inactive'],
  ['Zoe', 'zoe@example.com', 'active', 'admin'],
  ['Ann 100% real', 'ann@example.com', 'suspended'],
  ['Carl', 'a_b@example.com'],
  ['Dora', 'axb@example.com', 'active', 'admin'],
  ['Ada Byron', 'byron@example.org'],
  ['eve', 'eve@example.org', 'inactive', 'admin'],
  ['Ada Lovelace', 'ada2@example.org'],
  ['Finn', 'finn@example.org'],
];

beforeEach(async () => {
  t = buildHttpApp();
  adminId = t.admin.id;
  // Pinned by the operator (an admin changing its own email would need its current password).
  const pinned = await t.useCases.users.update.execute({ id: adminId, email: ADMIN_EMAIL }, SYSTEM_ACTOR);
  expect(pinned).toMatchObject({ name: ADMIN_NAME, email: ADMIN_EMAIL });
  seeded = [];
  for (const [name, email, status = 'active', role = 'member'] of SEED) {
    seeded.push((await createUserViaApi(t, { name, email, status, role })).user as User);
  }
});

async function list(query: string): Promise<Page> {
  const res = await t.request('GET', `/api/users${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

async function fieldsOf400(query: string): Promise<Record<string, string>> {
  const res = await t.request('GET', `/api/users${query}`);
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
  expect(error.code).toBe('VALIDATION_ERROR');
  return error.fields;
}

const names = (page: Page) => page.data.map((u) => u.name);

describe('offset paging', () => {
  it('defaults to page 1 of 20, newest first, with the totals and a cursor', async () => {
    const page = await list('');
    expect(page.data.map((u) => u.id)).toEqual([...seeded.map((u) => u.id).reverse(), adminId]);
    expect(page.pagination).toEqual({ page: 1, limit: 20, total: 11, totalPages: 1, nextCursor: null });
  });

  it('counts pages as ceil(total / limit) and offers a cursor while more remain', async () => {
    const page = await list('?limit=3&page=2');
    expect(page.data).toHaveLength(3);
    expect(page.pagination).toMatchObject({ page: 2, limit: 3, total: 11, totalPages: 4, nextCursor: expect.any(String) });
    const last = await list('?limit=3&page=4');
    expect(last.data.map((u) => u.id)).toEqual([seeded[0]?.id, adminId]);
    expect(last.pagination).toMatchObject({ total: 11, nextCursor: null });
  });

  it('answers a page past the end with no data and the true totals', async () => {
    const page = await list('?page=99&limit=5');
    expect(page).toEqual({ data: [], pagination: { page: 99, limit: 5, total: 11, totalPages: 3, nextCursor: null } });
  });

  it('has totalPages 0 when nothing matches', async () => {
    expect(await list('?search=nobody-at-all')).toEqual({
      data: [],
      pagination: { page: 1, limit: 20, total: 0, totalPages: 0, nextCursor: null },
    });
    // A fresh app holds only its admin: no member at all is an empty result by a filter, not a search.
    const empty = await buildHttpApp().request('GET', '/api/users?role=member');
    expect(((await empty.json()) as Page).pagination).toMatchObject({ total: 0, totalPages: 0 });
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], ['1e1'], [''], ['0x2'], ['100000001']])('rejects page=%s', async (value) => {
    expect(await fieldsOf400(`?page=${value}`)).toEqual({ page: expect.stringMatching(/whole number/) });
  });

  it.each([['0'], ['101'], ['2.0'], ['ten'], [' 5']])('rejects limit=%s', async (value) => {
    expect(await fieldsOf400(`?limit=${encodeURIComponent(value)}`)).toEqual({ limit: expect.stringMatching(/whole number from 1 to 100/) });
  });

  it('rejects a repeated parameter', async () => {
    expect(await fieldsOf400('?limit=1&limit=2')).toEqual({ limit: 'Limit must be given only once' });
  });

  it('rejects unknown query parameters, naming each', async () => {
    const fields = await fieldsOf400('?limit=5&foo=1&Status=active');
    expect(Object.keys(fields).sort()).toEqual(['Status', 'foo']);
    expect(fields.foo).toBe('"foo" is not a known query parameter');
    expect(fields.Status).toBe('"Status" is not a known query parameter');
  });
});

describe('sorting', () => {
  it('sorts names by code point, ties broken by id in the direction of the last key', async () => {
    const asc = await list('?sort=name');
    expect(names(asc)).toEqual(['Ada Byron', 'Ada Lovelace', 'Ada Lovelace', 'Ann 100% real', 'Carl', 'Dora', 'Finn', ADMIN_NAME, 'Zoe', 'bob', 'eve']);
    const twins = asc.data.filter((u) => u.name === 'Ada Lovelace').map((u) => u.id);
    expect(twins).toEqual([...twins].sort());
    const desc = await list('?sort=-name');
    expect(desc.data.map((u) => u.id)).toEqual([...asc.data].reverse().map((u) => u.id));
  });

  it('combines keys: -createdAt,name and email', async () => {
    expect((await list('?sort=email')).data[0]?.email).toBe('a_b@example.com');
    expect((await list('?sort=createdAt,name')).data.map((u) => u.id)).toEqual([adminId, ...seeded.map((u) => u.id)]);
  });

  it.each([['password'], ['name,-nope'], ['name,name'], ['']])('rejects sort=%j', async (sort) => {
    expect(Object.keys(await fieldsOf400(`?sort=${sort}`))).toEqual(['sort']);
  });
});

describe('search and filters', () => {
  it('matches a case-insensitive substring of name or email', async () => {
    expect(names(await list('?search=ADA&sort=name'))).toEqual(['Ada Byron', 'Ada Lovelace', 'Ada Lovelace']);
    expect(names(await list('?search=EXAMPLE.ORG&sort=name'))).toEqual(['Ada Byron', 'Ada Lovelace', 'Finn', 'eve']);
  });

  it('treats % and _ as themselves, not as wildcards', async () => {
    expect(names(await list('?search=%25'))).toEqual(['Ann 100% real']);
    expect((await list('?search=a_b')).data.map((u) => u.email)).toEqual(['a_b@example.com']);
  });

  it('combines filters and search with AND; totals count what matches', async () => {
    expect(names(await list('?role=admin&sort=name'))).toEqual(['Dora', ADMIN_NAME, 'Zoe', 'eve']);
    // Each condition removes someone: role the members, status the inactive eve, and search (`o`,
    // in no part of the admin's name or pinned email) the seeded admin.
    const page = await list('?role=admin&status=active&search=o&sort=name');
    expect(names(page)).toEqual(['Dora', 'Zoe']);
    expect(page.pagination).toMatchObject({ total: 2, totalPages: 1 });
  });

  it('rejects unknown status and role values', async () => {
    expect(Object.keys(await fieldsOf400('?status=deleted&role=root')).sort()).toEqual(['role', 'status']);
  });
});

describe('keyset paging', () => {
  async function walk(query: string): Promise<{ ids: string[]; pages: Page[] }> {
    const pages: Page[] = [];
    let page = await list(query);
    pages.push(page);
    while (page.pagination.nextCursor) {
      page = await list(`${query}&cursor=${encodeURIComponent(page.pagination.nextCursor)}`);
      pages.push(page);
    }
    return { ids: pages.flatMap((p) => p.data.map((u) => u.id)), pages };
  }

  it.each([['?limit=3'], ['?limit=4&sort=name'], ['?limit=2&sort=-email&status=active'], ['?limit=1&search=ada&sort=name']])(
    'walks every page of %s with no repeats, in the offset order',
    async (query) => {
      const { ids, pages } = await walk(query);
      const all = await list(`${query.replace(/limit=\d+/, 'limit=100')}`);
      expect(ids).toEqual(all.data.map((u) => u.id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const page of pages.slice(1)) expect(Object.keys(page.pagination).sort()).toEqual(['limit', 'nextCursor']);
    },
  );

  it('rejects a tampered cursor', async () => {
    const cursor = (await list('?limit=2')).pagination.nextCursor as string;
    const flipped = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
    expect(Object.keys(await fieldsOf400(`?limit=2&cursor=${encodeURIComponent(flipped)}`))).toEqual(['cursor']);
    expect(Object.keys(await fieldsOf400('?cursor=not-a-cursor'))).toEqual(['cursor']);
  });

  it('rejects a cursor reused with other filters or sort', async () => {
    const cursor = encodeURIComponent((await list('?limit=2&status=active')).pagination.nextCursor as string);
    expect(Object.keys(await fieldsOf400(`?limit=2&status=inactive&cursor=${cursor}`))).toEqual(['cursor']);
    expect(Object.keys(await fieldsOf400(`?limit=2&status=active&sort=name&cursor=${cursor}`))).toEqual(['cursor']);
    expect((await t.request('GET', `/api/users?limit=2&status=active&cursor=${cursor}`)).status).toBe(200);
  });

  it('rejects a cursor combined with page', async () => {
    const cursor = encodeURIComponent((await list('?limit=2')).pagination.nextCursor as string);
    expect(Object.keys(await fieldsOf400(`?limit=2&page=2&cursor=${cursor}`))).toEqual(['page']);
  });
});
