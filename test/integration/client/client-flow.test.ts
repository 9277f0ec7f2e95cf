import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, type User, type UsersServiceClient } from 'users-service/client';
import { ADMIN, startService, type ServiceProcess } from '../process/service-process.ts';

/** The typed client (client/index.ts) against the real entry point, in memory. */
describe('typed client against the running service', () => {
  let service: ServiceProcess;
  let client: UsersServiceClient;
  const refreshes: number[] = [];

  beforeAll(async () => {
    service = await startService({ DATA_DIR: 'memory' });
    client = createClient({
      baseUrl: service.url,
      fetch: async (request) => {
        const response = await fetch(request);
        if (new URL(request.url).pathname === '/api/auth/refresh') refreshes.push(response.status);
        return response;
      },
    });
    await client.signIn(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
  });

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exit;
  });

  it('creates, reads and patches a user with If-Match, with typed fields', async () => {
    const created = await client.POST('/api/users', { body: { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery' } });
    expect(created.response.status).toBe(201);
    const id: string = created.data.data.id;

    const read = await client.GET('/api/users/{id}', { params: { path: { id } } });
    const user = read.data.data;
    if (!('email' in user)) throw new Error('an admin sees every user in full');
    const email: string = user.email;
    const role: User['role'] = user.role;
    expect({ email, role, status: user.status }).toEqual({ email: 'ada@example.com', role: 'member', status: 'active' });
    const etag = read.response.headers.get('etag');
    expect(etag).toBeTruthy();

    const patched = await client.PATCH('/api/users/{id}', {
      params: { path: { id }, header: { 'If-Match': etag ?? '' } },
      body: { name: 'Ada King' },
    });
    expect(patched.data.data.name).toBe('Ada King');

    // The old ETag no longer matches: 412, thrown as an ApiError.
    const stale = await client
      .PATCH('/api/users/{id}', { params: { path: { id }, header: { 'If-Match': etag ?? '' } }, body: { name: 'Lost update' } })
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(ApiError);
    expect(stale).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
  });

  it('paginates over several keyset pages', async () => {
    const names = ['Pager 1', 'Pager 2', 'Pager 3', 'Pager 4', 'Pager 5', 'Pager 6', 'Pager 7'];
    for (const [i, name] of names.entries()) {
      await client.POST('/api/users', { body: { name, email: `pager${i + 1}@example.com` } });
    }
    const pages: string[] = [];
    const seen: string[] = [];
    const counting = createClient({
      baseUrl: service.url,
      tokens: client.tokens ?? undefined,
      fetch: (request) => {
        if (request.method === 'GET') pages.push(new URL(request.url).search);
        return fetch(request);
      },
    });
    for await (const user of counting.paginate('/api/users', { query: { limit: 3, sort: 'name', search: 'Pager' } })) {
      seen.push(user.name);
    }
    expect(seen).toEqual(names);
    expect(pages).toHaveLength(3);
    expect(pages[1]).toContain('cursor=');
  });

  it('throws ApiError with the envelope: 404 NOT_FOUND, 400 with fields', async () => {
    const missing = await client.GET('/api/users/{id}', { params: { path: { id: '01890000-0000-7000-8000-000000000000' } } }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'User not found' });

    const invalid = await client.POST('/api/users', { body: { name: 'Bad', email: 'not-an-email' } }).catch((error: unknown) => error);
    if (!(invalid instanceof ApiError)) throw new Error('expected an ApiError');
    expect(invalid.status).toBe(400);
    expect(invalid.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(invalid.fields ?? {})).toContain('email');
    expect(invalid.requestId).toBeTruthy();
  });

  it('on a 401 refreshes once (keeping the rotated refresh token) and retries; a refused refresh surfaces as ApiError 401', async () => {
    const before = client.tokens;
    if (!before?.refreshToken) throw new Error('signed in with a refresh token');
    refreshes.length = 0;
    client.setTokens({ accessToken: `${before.accessToken}x`, refreshToken: before.refreshToken });

    const me = await client.GET('/api/auth/me');
    expect(me.data.data.email).toBe(ADMIN.ADMIN_EMAIL);
    expect(refreshes).toEqual([200]);
    const after = client.tokens;
    expect(after?.refreshToken).toBeDefined();
    expect(after?.refreshToken).not.toBe(before.refreshToken);
    expect(after?.accessToken).not.toBe(`${before.accessToken}x`);

    // Still works with the rotated pair, without another refresh.
    await client.GET('/api/auth/me');
    expect(refreshes).toEqual([200]);

    // A bad access token and a refused refresh token: one refresh attempt, then the 401.
    client.setTokens({ accessToken: 'not-a-token', refreshToken: 'not-a-refresh-token' });
    const refused = await client.GET('/api/auth/me').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(refreshes).toEqual([200, 401]);
    expect(client.tokens).toBeNull();
  });
});
