import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { startInternal, type InternalProcess } from '../../support/internal-process.ts';
import { startPgBouncer, type PgBouncer } from '../../support/pgbouncer.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startService, type ServiceProcess } from '../process/service-process.ts';
import { until } from '../../support/until.ts';

/**
 * PASSWORD_ORIGIN: the edge sends the requests that hash passwords to a Node instance of the
 * service (its isolate never runs scrypt), with the client's address in X-Forwarded-For for Node's
 * limits; the tokens Node signs are accepted at the edge (one JWT_PRIVATE_KEY for all).
 */
let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let bouncer: PgBouncer;
let internal: InternalProcess;
let node: ServiceProcess;
let edge: EdgeServer;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  bouncer = await startPgBouncer();
  const shared = {
    JWT_PRIVATE_KEY: JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })),
    CURSOR_SECRET: 'a-cursor-secret-shared-by-every-instance',
  };
  internal = await startInternal({ DATABASE_URL: testDatabase.url, ...shared });
  node = await startService({ DATABASE_URL: testDatabase.url, TRUST_PROXY: 'loopback', JOB_CONCURRENCY: '0', ...shared });
  const pooled = new URL(testDatabase.url);
  pooled.port = String(bouncer.port);
  edge = await startEdge({ DATABASE_URL: pooled.toString(), TRUST_CF_CONNECTING_IP: 'true', PASSWORD_ORIGIN: node.url, LOG_LEVEL: 'info', ...shared });
}, 120_000);

afterAll(async () => {
  await edge?.stop();
  for (const child of [node?.child, internal?.child]) if (child && child.exitCode === null) child.kill('SIGTERM');
  await Promise.all([node?.exit, internal?.exit]);
  await bouncer?.stop();
  await testDatabase?.drop();
});

const post = (path: string, json: unknown) =>
  fetch(`${edge.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9', 'x-forwarded-for': '10.6.6.6' }, body: JSON.stringify(json) });

it('sign-up and sign-in are answered by Node for the client address; the token then works at the edge', async () => {
  const email = `routed-${crypto.randomUUID()}@example.com`;
  expect((await post('/api/auth/register', { name: 'Routed', email, password: 'a long enough password' })).status).toBe(201);
  const login = await post('/api/auth/login', { email, password: 'a long enough password' });
  expect(login.status).toBe(200);
  const { accessToken } = ((await login.json()) as { data: { accessToken: string } }).data;

  // Node logs a request after answering it, and its lines reach this process through a pipe: wait for both.
  const authLines = () => node.lines.map((line) => JSON.parse(line) as { path?: string; clientAddress?: string }).filter((line) => line.path?.startsWith('/api/auth/'));
  await until(async () => authLines().length >= 2, 10_000, "Node's request lines for the sign-up and the sign-in");
  const served = authLines();
  expect(served.map(({ path, clientAddress }) => [path, clientAddress])).toEqual([
    ['/api/auth/register', '203.0.113.9'],
    ['/api/auth/login', '203.0.113.9'],
  ]);
  expect(edge.lines.join('\n')).not.toContain('"path":"/api/auth/login"');

  const me = await fetch(`${edge.url}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { data: { email: string } }).data.email).toBe(email);
  await until(async () => edge.lines.join('\n').includes('"path":"/api/auth/me"'), 10_000, "the edge's request line for /api/auth/me");
});
