import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, type TestApp } from '../support/http-app.ts';
import { body } from '../support/json.ts';

type Post = { id: string; authorId: string; title: string; body: string; status: string; createdAt: string };
type Page = { data: Post[]; pagination: Record<string, unknown> & { nextCursor: string | null } };

const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

let t: TestApp;
let alice: User;
let bob: User;
/** A member with no posts: what any other reader sees. */
let carol: User;
let tokens: Record<'alice' | 'bob' | 'carol', string>;
/** In creation order (the test clock steps, so createdAt orders them too). */
let seeded: Post[];

/**
 * Titles chosen so that code-point order differs from both locale order (`Zucchini` before `a_b`)
 * and UTF-16 order (U+FF5A before the emoji, whose first UTF-16 unit is the greater), and so that
 * `%` and `_` would match far more as LIKE wildcards than as themselves.
 */
const SEED: [author: 'alice' | 'bob', title: string, body: string, status?: string][] = [
  ['alice', 'banana', 'Yellow fruit'],
  ['bob', 'Apple pie', 'Bake at 180'],
  ['alice', 'Zucchini', 'A green NEEDLE of a vegetable'],
  ['bob', '100% real', 'Honest'],
  ['alice', 'a_b', 'Underscore'],
  ['bob', 'axb', 'Plain'],
  ['alice', '\u00E9clair', 'Pastry'],
  ['bob', '\u{1F600} smile', 'Emoji'],
  ['alice', '\uFF5A wide', 'Fullwidth'],
  ['bob', 'Bob draft needle', 'Hidden', 'draft'],
  ['alice', 'Alice draft', 'Also hidden', 'draft'],
];
const PUBLISHED_BY_CODE_POINT = ['100% real', 'Apple pie', 'Zucchini', 'a_b', 'axb', 'banana', '\u00E9clair', '\uFF5A wide', '\u{1F600} smile'];

beforeEach(async () => {
  t = buildHttpApp();
  alice = aUser().withName('Alice').build();
  bob = aUser().withName('Bob').build();
  carol = aUser().withName('Carol').build();
  for (const user of [alice, bob, carol]) t.uow.users.rows.set(user.id, user);
  tokens = { alice: await t.tokenFor(alice), bob: await t.tokenFor(bob), carol: await t.tokenFor(carol) };
  seeded = [];
  for (const [author, title, text, status = 'published'] of SEED) {
    const res = await t.request('POST', '/api/posts', { as: tokens[author], json: { title, body: text, status } });
    expect(res.status).toBe(201);
    seeded.push((await body(res)).data as Post);
  }
});

const published = () => seeded.filter((post) => post.status === 'published');
const newestFirst = (posts: Post[]) => [...posts].reverse().map((post) => post.id);

/** A member's access token, or ADMIN for the seeded admin (the test app's default caller). */
type Reader = string;
const ADMIN: Reader = 'admin';
const tokenOf = (reader: Reader): string | undefined => (reader === ADMIN ? undefined : reader);

async function list(path: string, as: Reader = tokens.carol): Promise<Page> {
  const res = await t.request('GET', path, { as: tokenOf(as) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

async function fieldsOf400(path: string, as: Reader = tokens.carol): Promise<Record<string, string>> {
  const res = await t.request('GET', path, { as: tokenOf(as) });
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
  expect(error.code).toBe('VALIDATION_ERROR');
  return error.fields;
}

const ids = (page: Page) => page.data.map((post) => post.id);
const titles = (page: Page) => page.data.map((post) => post.title);

describe('GET /api/posts: offset paging', () => {
  it('defaults to page 1 of 20, newest first, with the totals of what the reader may see', async () => {
    const page = await list('/api/posts');
    expect(ids(page)).toEqual(newestFirst(published()));
    expect(page.pagination).toEqual({ page: 1, limit: 20, total: 9, totalPages: 1, nextCursor: null });
    expect(Object.keys(page.data[0] as Post).sort()).toEqual(['authorId', 'body', 'createdAt', 'id', 'status', 'title', 'updatedAt']);
  });

  it('counts pages as ceil(total / limit) and offers a cursor while more remain', async () => {
    const page = await list('/api/posts?limit=4&page=2');
    expect(ids(page)).toEqual(newestFirst(published()).slice(4, 8));
    expect(page.pagination).toEqual({ page: 2, limit: 4, total: 9, totalPages: 3, nextCursor: expect.any(String) });
    const last = await list('/api/posts?limit=4&page=3');
    expect(ids(last)).toEqual([seeded[0]?.id]);
    expect(last.pagination).toMatchObject({ total: 9, totalPages: 3, nextCursor: null });
  });

  it('answers a page past the end with no data and the true totals', async () => {
    expect(await list('/api/posts?page=9&limit=4')).toEqual({ data: [], pagination: { page: 9, limit: 4, total: 9, totalPages: 3, nextCursor: null } });
  });

  it('has totalPages 0 when nothing matches', async () => {
    expect((await list('/api/posts?search=nothing-like-this')).pagination).toEqual({ page: 1, limit: 20, total: 0, totalPages: 0, nextCursor: null });
  });

  it('counts an admin every post, drafts included', async () => {
    const page = await list('/api/posts', ADMIN);
    expect(ids(page)).toEqual(newestFirst(seeded));
    expect(page.pagination).toMatchObject({ total: 11 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['status=archived', 'status'],
    ['sort=name', 'sort'],
    ['sort=authorId', 'sort'],
    ['authorId=not-a-uuid', 'authorId'],
    ['include=posts', 'include'],
    ['bogus=1', 'bogus'],
    ['search=a%00b', 'search'],
    [`search=${'x'.repeat(201)}`, 'search'],
    ['limit=1&limit=2', 'limit'],
  ])('refuses %s with 400 on %s', async (query, field) => {
    expect(Object.keys(await fieldsOf400(`/api/posts?${query}`))).toEqual([field]);
  });
});

describe('GET /api/posts: sort', () => {
  it('sorts titles by code point, not by locale or UTF-16 unit', async () => {
    expect(titles(await list('/api/posts?sort=title'))).toEqual(PUBLISHED_BY_CODE_POINT);
    expect(titles(await list('/api/posts?sort=-title'))).toEqual([...PUBLISHED_BY_CODE_POINT].reverse());
  });

  it('sorts an admin\'s view with the drafts in their places', async () => {
    const all = titles(await list('/api/posts?sort=title', ADMIN));
    expect(all).toEqual(['100% real', 'Alice draft', 'Apple pie', 'Bob draft needle', 'Zucchini', 'a_b', 'axb', 'banana', '\u00E9clair', '\uFF5A wide', '\u{1F600} smile']);
  });

  it('sorts by createdAt either way', async () => {
    expect(ids(await list('/api/posts?sort=createdAt'))).toEqual(published().map((post) => post.id));
    expect(ids(await list('/api/posts?sort=-createdAt'))).toEqual(newestFirst(published()));
  });

  it('sorts by updatedAt: a post edited last comes first in -updatedAt', async () => {
    const oldest = seeded[0] as Post;
    const res = await t.request('PATCH', `/api/posts/${oldest.id}`, { as: tokens.alice, json: { body: 'Edited' } });
    expect(res.status).toBe(200);
    expect(ids(await list('/api/posts?sort=-updatedAt'))[0]).toBe(oldest.id);
    expect(ids(await list('/api/posts?sort=updatedAt')).at(-1)).toBe(oldest.id);
    expect(ids(await list('/api/posts?sort=-createdAt')).at(-1)).toBe(oldest.id);
  });
});

describe('GET /api/posts: filters and search', () => {
  it('searches title and body, case-insensitively', async () => {
    expect(titles(await list('/api/posts?search=needle'))).toEqual(['Zucchini']);
    expect(titles(await list('/api/posts?search=PASTRY'))).toEqual(['\u00E9clair']);
    expect(titles(await list('/api/posts?search=aPpLe'))).toEqual(['Apple pie']);
    const page = await list('/api/posts?search=needle', ADMIN);
    expect(titles(page)).toEqual(['Bob draft needle', 'Zucchini']);
    expect(page.pagination).toMatchObject({ total: 2 });
  });

  it.each([
    ['%25', ['100% real']],
    ['_', ['a_b']],
    ['A_B', ['a_b']],
    ['0%25%20r', ['100% real']],
  ])('takes %s literally, not as a wildcard', async (search, expected) => {
    const page = await list(`/api/posts?search=${search}`);
    expect(titles(page)).toEqual(expected);
    expect(page.pagination).toMatchObject({ total: expected.length });
  });

  it('filters by author and status, combined with AND', async () => {
    const alices = await list(`/api/posts?authorId=${alice.id}`);
    expect(ids(alices)).toEqual(newestFirst(published().filter((post) => post.authorId === alice.id)));
    expect(alices.pagination).toMatchObject({ total: 5 });
    expect(titles(await list(`/api/posts?authorId=${bob.id}&status=draft`, ADMIN))).toEqual(['Bob draft needle']);
    expect(titles(await list(`/api/posts?authorId=${bob.id}&status=draft&search=apple`, ADMIN))).toEqual([]);
    expect((await list('/api/posts?status=draft', ADMIN)).pagination).toMatchObject({ total: 2 });
  });

  it('answers an empty page for an author with no posts', async () => {
    expect((await list(`/api/posts?authorId=${UNKNOWN_ID}`)).pagination).toMatchObject({ total: 0 });
  });
});

describe('GET /api/users/:id/posts', () => {
  it("lists the user's posts as the reader may see them", async () => {
    const alices = seeded.filter((post) => post.authorId === alice.id);
    const asCarol = await list(`/api/users/${alice.id}/posts`);
    expect(ids(asCarol)).toEqual(newestFirst(alices.filter((post) => post.status === 'published')));
    expect(asCarol.pagination).toEqual({ page: 1, limit: 20, total: 5, totalPages: 1, nextCursor: null });
    const asAlice = await list(`/api/users/${alice.id}/posts`, tokens.alice);
    expect(ids(asAlice)).toEqual(newestFirst(alices));
    expect(asAlice.pagination).toMatchObject({ total: 6 });
  });

  it('takes the same sort, search, status and paging', async () => {
    expect(titles(await list(`/api/users/${bob.id}/posts?sort=title`))).toEqual(['100% real', 'Apple pie', 'axb', '\u{1F600} smile']);
    expect(titles(await list(`/api/users/${bob.id}/posts?search=needle`, ADMIN))).toEqual(['Bob draft needle']);
    expect(titles(await list(`/api/users/${bob.id}/posts?status=draft`))).toEqual([]);
    expect((await list(`/api/users/${bob.id}/posts?limit=3&page=2`)).pagination).toEqual({ page: 2, limit: 3, total: 4, totalPages: 2, nextCursor: null });
  });

  it('answers an empty page for a user with no posts', async () => {
    expect(await list(`/api/users/${carol.id}/posts`)).toEqual({ data: [], pagination: { page: 1, limit: 20, total: 0, totalPages: 0, nextCursor: null } });
  });

  it.each([[UNKNOWN_ID], ['not-a-uuid']])('answers 404 User not found for %s', async (id) => {
    const res = await t.request('GET', `/api/users/${id}/posts`, { as: tokens.carol });
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({ error: { code: 'NOT_FOUND', message: 'User not found' } });
  });

  it('answers 404 for a user deleted since', async () => {
    expect((await t.request('DELETE', `/api/users/${alice.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api/users/${alice.id}/posts`, { as: tokens.carol })).status).toBe(404);
  });

  it('refuses authorId, which the path already names', async () => {
    expect(Object.keys(await fieldsOf400(`/api/users/${alice.id}/posts?authorId=${bob.id}`))).toEqual(['authorId']);
  });
});

describe('cursor paging', () => {
  /** Follows nextCursor from the first page to the end; returns every page. */
  async function walk(path: string, as: Reader = tokens.carol): Promise<Page[]> {
    const separator = path.includes('?') ? '&' : '?';
    const pages = [await list(path, as)];
    for (let cursor = pages[0]?.pagination.nextCursor; cursor; cursor = pages.at(-1)?.pagination.nextCursor) {
      pages.push(await list(`${path}${separator}cursor=${encodeURIComponent(cursor)}`, as));
      expect(pages.length).toBeLessThan(20);
    }
    return pages;
  }

  it.each(['sort=title', 'sort=-createdAt', 'sort=updatedAt', 'search=e&sort=-title'])(
    'visits every visible post once, in order (%s)',
    async (query) => {
      const everything = ids(await list(`/api/posts?${query}&limit=100`));
      const pages = await walk(`/api/posts?${query}&limit=2`);
      expect(pages.flatMap(ids)).toEqual(everything);
      for (const page of pages.slice(1)) expect(Object.keys(page.pagination).sort()).toEqual(['limit', 'nextCursor']);
      expect(pages.at(-1)?.pagination.nextCursor).toBeNull();
    },
  );

  it("walks a user's posts, drafts included for an admin", async () => {
    const pages = await walk(`/api/users/${bob.id}/posts?limit=2`, ADMIN);
    expect(pages.flatMap(ids)).toEqual(newestFirst(seeded.filter((post) => post.authorId === bob.id)));
  });

  it('does not repeat a post when a newer one arrives between pages', async () => {
    const first = await list('/api/posts?limit=3');
    await t.request('POST', '/api/posts', { as: tokens.bob, json: { title: 'Late', body: '', status: 'published' } });
    const second = await list(`/api/posts?limit=3&cursor=${encodeURIComponent(first.pagination.nextCursor as string)}`);
    expect(ids(second)).toEqual(newestFirst(published()).slice(3, 6));
  });

  async function firstCursor(path = '/api/posts?limit=2', as: Reader = tokens.carol): Promise<string> {
    const cursor = (await list(path, as)).pagination.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    return encodeURIComponent(cursor as string);
  }

  it('refuses a cursor presented by another reader: what one may see is part of the listing', async () => {
    const cursor = await firstCursor();
    for (const reader of [tokens.alice, ADMIN]) {
      expect(Object.keys(await fieldsOf400(`/api/posts?limit=2&cursor=${cursor}`, reader))).toEqual(['cursor']);
    }
    expect((await list(`/api/posts?limit=2&cursor=${cursor}`)).data).toHaveLength(2);
  });

  it.each(['sort=title', 'search=a', 'status=published', `authorId=${UNKNOWN_ID}`])('refuses a cursor reused with other filters or sort (%s)', async (query) => {
    const cursor = await firstCursor();
    expect(Object.keys(await fieldsOf400(`/api/posts?limit=2&cursor=${cursor}&${query}`))).toEqual(['cursor']);
  });

  it("refuses a cursor of /api/posts on a user's posts, and one of a user's posts on another user", async () => {
    const cursor = await firstCursor();
    expect(Object.keys(await fieldsOf400(`/api/users/${alice.id}/posts?limit=2&cursor=${cursor}`))).toEqual(['cursor']);
    const alices = await firstCursor(`/api/users/${alice.id}/posts?limit=2`);
    expect(Object.keys(await fieldsOf400(`/api/users/${bob.id}/posts?limit=2&cursor=${alices}`))).toEqual(['cursor']);
  });

  it('refuses a tampered cursor, and a cursor with page', async () => {
    const cursor = decodeURIComponent(await firstCursor());
    // One character changed: the cursor is opaque, but not forgeable.
    const tampered = `${cursor.charAt(0) === 'e' ? 'f' : 'e'}${cursor.slice(1)}`;
    expect(Object.keys(await fieldsOf400(`/api/posts?limit=2&cursor=${encodeURIComponent(tampered)}`))).toEqual(['cursor']);
    expect(Object.keys(await fieldsOf400('/api/posts?limit=2&cursor=garbage'))).toEqual(['cursor']);
    expect(Object.keys(await fieldsOf400(`/api/posts?limit=2&page=2&cursor=${encodeURIComponent(cursor)}`))).toEqual(['page']);
  });
});
