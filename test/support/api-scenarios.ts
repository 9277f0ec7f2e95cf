import { expect, it } from 'vitest';
import type { Database } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { until } from './until.ts';

/** The service the scenarios run against; the caller's beforeAll fills it in, the tests read it. */
export type ServiceUnderTest = {
  url: string;
  adminToken: string;
  /** The database the service writes to, read directly to see what its background half did. */
  database: Database;
};

/** How a request speaks for a client address that the service believes, and its name in titles. */
export type ClientAddressing = { name: string; headers(address: string): Record<string, string> };

export type ScenarioSetup = {
  client: ClientAddressing;
  /** RATE_LIMIT_MAX the service was started with. */
  limit: number;
  /** /readyz's `checks` with every dependency up, and what they are, for the title. */
  ready: { checks: Record<string, string>; what: string };
  /** Who runs the welcome job (`the internal process`), for the title. */
  jobRunner: string;
};

export type ApiAnswer = {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown>; error?: { code: string; fields?: Record<string, string> } };
};
export type CallOptions = { json?: unknown; token?: string; address?: string; body?: string };
export type ApiCall = (method: string, path: string, options?: CallOptions) => Promise<ApiAnswer>;

/** One request, speaking for `options.address` (203.0.113.1 unless told), its JSON body parsed. */
export function apiCaller(service: Pick<ServiceUnderTest, 'url'>, client: ClientAddressing): ApiCall {
  return async (method, path, options = {}) => {
    const headers = client.headers(options.address ?? '203.0.113.1');
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined || options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${path}`, { method, headers, body: options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json)) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as ApiAnswer['body']) : {} };
  };
}

/** Signs the admin in (for a client of its own, 203.0.113.2) and returns the access token. */
export async function adminAccessToken(call: ApiCall, admin: { email: string; password: string }): Promise<string> {
  const login = await call('POST', '/api/auth/login', { json: admin, address: '203.0.113.2' });
  expect(login.status).toBe(200);
  return String(login.body.data?.accessToken);
}

/**
 * The end-to-end scenarios every runtime of the public API must pass (health, users, auth and
 * posts, lists, errors, limits), over real sockets. Each test speaks for its own client address, so the
 * general limit of one does not touch the others. Registers the `it` blocks; call inside a describe.
 */
export function apiScenarios(service: ServiceUnderTest, setup: ScenarioSetup): void {
  const call = apiCaller(service, setup.client);
  const { limit } = setup;

  it(`answers /livez and /readyz (${setup.ready.what})`, async () => {
    expect((await call('GET', '/livez')).body).toEqual({ data: { status: 'ok' } });
    expect((await call('GET', '/readyz')).body).toEqual({ data: { status: 'ready', checks: setup.ready.checks } });
  });

  it(`users: a sign-up is stored, read back, and welcomed by a job ${setup.jobRunner} ran`, async () => {
    const email = `scenario-${crypto.randomUUID()}@example.com`;
    const created = await call('POST', '/api/auth/register', { json: { name: 'Scenario User', email, password: 'a long enough password' }, address: '203.0.113.3' });
    expect(created.status).toBe(201);
    const id = String(created.body.data?.id);
    const read = await call('GET', `/api/users/${id}`, { token: service.adminToken, address: '203.0.113.3' });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id, email, name: 'Scenario User' });
    // user.created left in the outbox with the sign-up, relayed and consumed, its job run.
    await until(async () => {
      const rows = await service.database.orm.em.fork().execute<{ status: string }[]>(`select "status" from "jobs" where "type" = 'email.welcome' and "owner_id" = ?`, [id]);
      return rows[0]?.status === 'succeeded';
    }, 30_000, `the welcome job done by ${setup.jobRunner}`);
  });

  it('auth and posts: a member signs in, writes a post and reads it; anonymous reads are refused', async () => {
    const email = `writer-${crypto.randomUUID()}@example.com`;
    const address = '203.0.113.4';
    expect((await call('POST', '/api/auth/register', { json: { name: 'Writer', email, password: 'a long enough password' }, address })).status).toBe(201);
    const login = await call('POST', '/api/auth/login', { json: { email, password: 'a long enough password' }, address });
    expect(login.status).toBe(200);
    const token = String(login.body.data?.accessToken);
    const post = await call('POST', '/api/posts', { json: { title: 'A scenario post', body: 'Hello' }, token, address });
    expect(post.status).toBe(201);
    const read = await call('GET', `/api/posts/${String(post.body.data?.id)}`, { token, address });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ title: 'A scenario post', body: 'Hello' });
    const wrong = await call('POST', '/api/auth/login', { json: { email, password: 'not the password at all' }, address });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('UNAUTHORIZED');
    expect((await call('GET', '/api/users', { address })).status).toBe(401);
  });

  it('lists: a page with its total, and a sealed cursor that continues it', async () => {
    const address = '203.0.113.6';
    type Page = { data: { id: string }[]; pagination: { total?: number; nextCursor: string | null } };
    const first = (await call('GET', '/api/users?limit=1&sort=createdAt', { token: service.adminToken, address })).body as unknown as Page;
    expect(first.data).toHaveLength(1);
    expect(first.pagination.total).toBeGreaterThanOrEqual(2);
    expect(first.pagination.nextCursor).toEqual(expect.any(String));
    const cursor = String(first.pagination.nextCursor);
    const next = await call('GET', `/api/users?limit=1&sort=createdAt&cursor=${cursor}`, { token: service.adminToken, address });
    expect(next.status).toBe(200);
    expect((next.body as unknown as Page).data[0]?.id).not.toBe(first.data[0]?.id);
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await call('GET', `/api/users?limit=1&sort=createdAt&cursor=${tampered}`, { token: service.adminToken, address });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('VALIDATION_ERROR');
  });

  it('errors: every bad input gets the contract envelope, never a 500', async () => {
    const address = '203.0.113.5';
    const missing = await call('GET', `/api/users/${crypto.randomUUID()}`, { token: service.adminToken, address });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('NOT_FOUND');
    const invalid = await call('POST', '/api/users', { json: { name: '', email: 'nope' }, token: service.adminToken, address });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.code).toBe('VALIDATION_ERROR');
    const malformed = await call('POST', '/api/users', { body: '{"name":', token: service.adminToken, address });
    expect(malformed.status).toBe(400);
    expect((await call('GET', '/no/such/route', { address })).body.error?.code).toBe('NOT_FOUND');
  });

  it(`limits: an anonymous client is counted by its address (${setup.client.name}), with the contract headers`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await call('GET', '/api/posts', { address: '198.51.100.7' })).status);
    expect(statuses).toEqual(Array.from({ length: limit }, () => 401)); // counted, then refused for want of a token
    const over = await call('GET', '/api/posts', { address: '198.51.100.7' });
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    const other = await call('GET', '/api/posts', { address: '198.51.100.8' });
    expect(other.status).toBe(401);
    expect(other.headers.get('ratelimit-policy')).toBe(`"default";q=${limit};w=60`);
  });
}
