import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.ts';
import { CLEANUP } from '../../src/application/jobs/handlers/cleanup.ts';
import { aUser } from '../support/builders.ts';
import { buildHttpApp, storedMember, type TestApp } from '../support/http-app.ts';

let t: TestApp;
let member: User;
let memberToken: string;

beforeEach(async () => {
  t = buildHttpApp();
  ({ member, token: memberToken } = await storedMember(t));
});

type Route = Readonly<{ path: string; status: number; json: (n: number) => Record<string, unknown>; rows: () => number; as?: () => string | null }>;

/** Each create route, with a valid body (n tells bodies apart) and the table it adds to. */
const ROUTES: Record<string, Route> = {
  'POST /api/users': { path: '/api/users', status: 201, json: (n) => ({ name: `User ${n}`, email: `user-${n}@example.com` }), rows: () => t.uow.users.rows.size },
  'POST /api/posts': { path: '/api/posts', status: 201, json: (n) => ({ title: `Title ${n}`, body: 'Body' }), rows: () => t.uow.posts.rows.size, as: () => memberToken },
  'POST /api/users/exports': { path: '/api/users/exports', status: 202, json: (n) => ({ search: `term${n}` }), rows: () => t.uow.jobs.rows.size },
  'POST /api/auth/register': {
    path: '/api/auth/register',
    status: 201,
    json: (n) => ({ name: `Member ${n}`, email: `member-${n}@example.com`, password: 'a long enough password 1' }),
    rows: () => t.uow.users.rows.size,
    as: () => null,
  },
};

const send = (route: Route, n: number, key?: string, as = route.as?.()) =>
  t.request('POST', route.path, { json: route.json(n), headers: key === undefined ? {} : { 'Idempotency-Key': key }, as });

describe.each(Object.entries(ROUTES))('Idempotency-Key on %s', (_name, route) => {
  it('replays the first answer (status, body, Location) with Idempotent-Replayed, and creates nothing more', async () => {
    const before = route.rows();
    const first = await send(route, 1, 'key-1');
    expect(first.status, await first.clone().text()).toBe(route.status);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(route.rows()).toBe(before + 1);
    const again = await send(route, 1, 'key-1');
    expect(again.status).toBe(route.status);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(again.headers.get('Content-Type')).toBe(first.headers.get('Content-Type'));
    expect(await again.text()).toBe(await first.text());
    expect(route.rows()).toBe(before + 1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, and creates nothing', async () => {
    expect((await send(route, 1, 'key-2')).status).toBe(route.status);
    const before = route.rows();
    const other = await send(route, 2, 'key-2');
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(route.rows()).toBe(before);
  });

  it('creates again for another key, and for no key at all', async () => {
    const before = route.rows();
    expect((await send(route, 1, 'key-a')).status).toBe(route.status);
    expect((await send(route, 2, 'key-b')).status).toBe(route.status);
    expect((await send(route, 3)).status).toBe(route.status);
    expect(route.rows()).toBe(before + 3);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['non-printable', 'key\u0001'],
    ['non-ASCII', 'clé'],
  ])('refuses a malformed key (%s) with 400 naming Idempotency-Key, creating nothing', async (_label, key) => {
    const before = route.rows();
    const res = await t.request('POST', route.path, { json: route.json(1), headers: { 'Idempotency-Key': key }, as: route.as?.() }).catch(() => null);
    // A header value the Fetch API itself refuses never reaches the service.
    if (res === null) return;
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields)).toEqual(['Idempotency-Key']);
    expect(route.rows()).toBe(before);
  });
});

describe('Idempotency-Key', () => {
  it('accepts 255 printable characters, and the draft quoted form as the same key', async () => {
    const route = ROUTES['POST /api/posts'] as Route;
    expect((await send(route, 1, '~'.repeat(255))).status).toBe(201);
    expect((await send(route, 1, 'quoted')).status).toBe(201);
    expect((await send(route, 1, '"quoted"')).headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('is scoped per caller: two users with one key both create', async () => {
    const other = aUser().withName('Other').build();
    t.uow.users.rows.set(other.id, other);
    const route = ROUTES['POST /api/posts'] as Route;
    const mine = await send(route, 1, 'shared-key', memberToken);
    const theirs = await send(route, 1, 'shared-key', await t.tokenFor(other));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('Idempotent-Replayed')).toBeNull();
    expect(theirs.headers.get('Location')).not.toBe(mine.headers.get('Location'));
    expect(t.uow.posts.rows.size).toBe(2);
  });

  it('keeps no 4xx answer: a corrected retry with the same key creates', async () => {
    const route = ROUTES['POST /api/users'] as Route;
    expect((await send(route, 1)).status).toBe(201); // user-1@example.com is taken
    const taken = await send(route, 1, 'retry-key');
    expect(taken.status).toBe(409);
    expect(taken.headers.get('Idempotent-Replayed')).toBeNull();
    const before = route.rows();
    const corrected = await send(route, 2, 'retry-key');
    expect(corrected.status).toBe(201);
    expect(route.rows()).toBe(before + 1);
    expect((await send(route, 2, 'retry-key')).headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('answers 409 CONFLICT to a repeat while the first request still runs', async () => {
    const route = ROUTES['POST /api/posts'] as Route;
    const hash = await requestHash('POST', route.path, JSON.stringify(route.json(1)));
    const now = new Date();
    await t.uow.read(({ idempotency }) =>
      idempotency.claim({ scope: { caller: `user:${member.id}`, key: 'running' }, requestHash: hash, token: 't', now, leaseUntil: new Date(now.getTime() + 60_000), expiresAt: new Date(now.getTime() + 86_400_000) }),
    );
    const res = await send(route, 1, 'running');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    expect(t.uow.posts.rows.size).toBe(0);
  });

  it('is kept 24 hours, then deleted by the hourly cleanup job', async () => {
    const route = ROUTES['POST /api/posts'] as Route;
    const created = await send(route, 1, 'old-key');
    expect((await send(route, 2, 'fresh-key')).status).toBe(201);
    const post = t.uow.posts.rows.get((created.headers.get('Location') ?? '').split('/').pop() as never);
    const ids = [...t.uow.idempotency.rows.keys()];
    const old = t.uow.idempotency.rows.get(ids[0] as string);
    if (!post || !old) throw new Error('expected the post and its key');
    const keptMs = old.expiresAt.getTime() - post.createdAt.getTime();
    // Counted from the claim, a moment before the create: 24 hours, give or take that moment.
    expect(Math.abs(keptMs - 24 * 3_600_000)).toBeLessThan(60_000);
    // The first key's 24 hours are over; the cleanup removes it and keeps the other.
    t.uow.idempotency.rows.set(ids[0] as string, { ...old, expiresAt: new Date(0) });
    await t.uow.transaction((repos) => t.useCases.scheduler.schedule(repos, { type: CLEANUP, data: {}, ownerId: null, maxAttempts: 1 }));
    await t.runJobs();
    expect([...t.uow.idempotency.rows.keys()]).toEqual([ids[1]]);
    expect((await send(route, 3, 'old-key')).status).toBe(201);
  });
});

async function requestHash(method: string, path: string, body: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${method} ${path}\n${body}`);
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('Idempotency-Key in the OpenAPI document', () => {
  it('documents the header, Idempotent-Replayed, 409 and 422 on each of the four creates, and on no other operation', async () => {
    const doc = (await (await t.request('GET', '/openapi.json', { as: null })).json()) as {
      paths: Record<string, Record<string, { parameters?: { $ref?: string }[]; responses: Record<string, { headers?: Record<string, unknown>; $ref?: string }> }>>;
    };
    const idempotent: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!op.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey')) continue;
        idempotent.push(`${method.toUpperCase()} ${path}`);
        const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))?.[1];
        expect(success?.headers).toHaveProperty('Idempotent-Replayed');
        expect(op.responses['409']?.$ref).toBe('#/components/responses/Conflict');
        expect(op.responses['422']?.$ref).toBe('#/components/responses/IdempotencyKeyReused');
      }
    }
    expect(idempotent.sort()).toEqual(Object.keys(ROUTES).sort());
  });
});
