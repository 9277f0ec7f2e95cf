import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/persistence/mikro-orm/orm.ts';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { startInternal, type InternalProcess } from '../../support/internal-process.ts';
import { startPgBouncer, type PgBouncer } from '../../support/pgbouncer.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { until } from '../../support/until.ts';

const ADMIN = { email: 'root@example.com', password: 'correct-horse-battery' };
const LIMIT = 25;

/**
 * The API under the real runtime: dist/edge/edge.js in `workerd serve`, its PostgreSQL connections
 * through PgBouncer (transaction mode) on a private port, and the internal Node process beside it
 * (migrations, the admin, the outbox relay, consumers and jobs). Each test speaks for its own client
 * address (CF-Connecting-IP, trusted here), so the general limit of one does not touch the others.
 */
describe('the edge entry under workerd, with the internal process on Node', () => {
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let bouncer: PgBouncer;
  let internal: InternalProcess;
  let edge: EdgeServer;
  let database: Database;
  let adminToken = '';

  const call = async (method: string, path: string, options: { json?: unknown; token?: string; address?: string; body?: string } = {}) => {
    const headers: Record<string, string> = { 'cf-connecting-ip': options.address ?? '203.0.113.1' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined || options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${edge.url}${path}`, { method, headers, body: options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json)) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as { data?: Record<string, unknown>; error?: { code: string; fields?: Record<string, string> } }) : {} };
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    bouncer = await startPgBouncer();
    internal = await startInternal({ DATABASE_URL: testDatabase.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JOB_CONCURRENCY: '2' });
    const pooled = new URL(testDatabase.url);
    pooled.port = String(bouncer.port);
    edge = await startEdge({ DATABASE_URL: pooled.toString(), TRUST_CF_CONNECTING_IP: 'true', RATE_LIMIT_MAX: String(LIMIT), LOG_LEVEL: 'warn' });
    database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
    const login = await call('POST', '/api/auth/login', { json: ADMIN, address: '203.0.113.2' });
    expect(login.status).toBe(200);
    adminToken = String(login.body.data?.accessToken);
  }, 120_000);

  afterAll(async () => {
    await edge?.stop();
    if (internal && internal.child.exitCode === null) {
      internal.child.kill('SIGTERM');
      await internal.exit;
    }
    await database?.close();
    await bouncer?.stop();
    await testDatabase?.drop();
  });

  it('answers /livez and /readyz (the database through the pooler)', async () => {
    expect((await call('GET', '/livez')).body).toEqual({ data: { status: 'ok' } });
    expect((await call('GET', '/readyz')).body).toEqual({ data: { status: 'ready', checks: { database: 'up' } } });
  });

  it('users: a sign-up is stored, read back, and welcomed by a job the internal process ran', async () => {
    const email = `edge-${crypto.randomUUID()}@example.com`;
    const created = await call('POST', '/api/auth/register', { json: { name: 'Edge User', email, password: 'a long enough password' }, address: '203.0.113.3' });
    expect(created.status).toBe(201);
    const id = String(created.body.data?.id);
    const read = await call('GET', `/api/users/${id}`, { token: adminToken, address: '203.0.113.3' });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id, email, name: 'Edge User' });
    // user.created left in the outbox by the edge, relayed and consumed on Node, its job run there.
    await until(async () => {
      const rows = await database.orm.em.fork().execute<{ status: string }[]>(`select "status" from "jobs" where "type" = 'email.welcome' and "owner_id" = ?`, [id]);
      return rows[0]?.status === 'succeeded';
    }, 30_000, 'the welcome job done by the internal process');
  });

  it('auth and posts: a member signs in, writes a post and reads it; anonymous reads are refused', async () => {
    const email = `writer-${crypto.randomUUID()}@example.com`;
    const address = '203.0.113.4';
    expect((await call('POST', '/api/auth/register', { json: { name: 'Writer', email, password: 'a long enough password' }, address })).status).toBe(201);
    const login = await call('POST', '/api/auth/login', { json: { email, password: 'a long enough password' }, address });
    expect(login.status).toBe(200);
    const token = String(login.body.data?.accessToken);
    const post = await call('POST', '/api/posts', { json: { title: 'From the edge', body: 'Hello' }, token, address });
    expect(post.status).toBe(201);
    const read = await call('GET', `/api/posts/${String(post.body.data?.id)}`, { token, address });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ title: 'From the edge', body: 'Hello' });
    const wrong = await call('POST', '/api/auth/login', { json: { email, password: 'not the password at all' }, address });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('UNAUTHORIZED');
    expect((await call('GET', '/api/users', { address })).status).toBe(401);
  });

  it('errors: every bad input gets the contract envelope, never a 500', async () => {
    const address = '203.0.113.5';
    const missing = await call('GET', `/api/users/${crypto.randomUUID()}`, { token: adminToken, address });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('NOT_FOUND');
    const invalid = await call('POST', '/api/users', { json: { name: '', email: 'nope' }, token: adminToken, address });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.code).toBe('VALIDATION_ERROR');
    const malformed = await call('POST', '/api/users', { body: '{"name":', token: adminToken, address });
    expect(malformed.status).toBe(400);
    expect((await call('GET', '/no/such/route', { address })).body.error?.code).toBe('NOT_FOUND');
  });

  it('limits: an anonymous client is counted by its address (CF-Connecting-IP), with the contract headers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await call('GET', '/api/posts', { address: '198.51.100.7' })).status);
    expect(statuses).toEqual(Array.from({ length: LIMIT }, () => 401)); // counted, then refused for want of a token
    const over = await call('GET', '/api/posts', { address: '198.51.100.7' });
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    const other = await call('GET', '/api/posts', { address: '198.51.100.8' });
    expect(other.status).toBe(401);
    expect(other.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=60`);
  });

  it('without TRUST_CF_CONNECTING_IP the header is not believed: every client shares one budget', async () => {
    const pooled = new URL(testDatabase.url);
    pooled.port = String(bouncer.port);
    const untrusting = await startEdge({ DATABASE_URL: pooled.toString(), RATE_LIMIT_MAX: '3', LOG_LEVEL: 'warn' });
    try {
      const statuses: number[] = [];
      for (const address of ['198.51.100.20', '198.51.100.21', '198.51.100.22', '198.51.100.23']) {
        statuses.push((await fetch(`${untrusting.url}/api/posts`, { headers: { 'cf-connecting-ip': address } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await untrusting.stop();
    }
  });

  it('50 requests at once each get their own connections: all answered, none wedged', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call('GET', '/readyz', { address: `192.0.2.${i + 1}` })));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 50 }, () => 200));
  });
});
