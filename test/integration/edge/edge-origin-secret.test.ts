import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { startService, type ServiceProcess } from '../process/service-process.ts';

const SECRET = 'a-secret-the-edge-and-its-origin-share-and-no-one-else';
const LIMIT = 5;

/**
 * PASSWORD_ORIGIN_SECRET: the Node origin (no TRUST_PROXY) believes the client address the edge
 * forwards only from requests that carry the secret. Anyone reaching the origin directly with a
 * forged X-Forwarded-For, without the secret or with a wrong one, is counted as what it is.
 */
let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let origin: ServiceProcess;
let edge: EdgeServer;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const shared = { JWT_PRIVATE_KEY: JSON.stringify(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' })), PASSWORD_ORIGIN_SECRET: SECRET };
  origin = await startService({ DATABASE_URL: testDatabase.url, RATE_LIMIT_MAX: String(LIMIT), JOB_CONCURRENCY: '0', ...shared });
  edge = await startEdge({ DATABASE_URL: testDatabase.url, TRUST_CF_CONNECTING_IP: 'true', PASSWORD_ORIGIN: origin.url, LOG_LEVEL: 'warn', ...shared });
}, 120_000);

afterAll(async () => {
  await edge?.stop();
  if (origin && origin.child.exitCode === null) origin.child.kill('SIGTERM');
  await origin?.exit;
  await testDatabase?.drop();
});

/** The address the origin logged for each request to `path`, in order. */
const loggedAddresses = (path: string) =>
  origin.lines
    .map((line) => JSON.parse(line) as { path?: string; clientAddress?: string })
    .filter((line) => line.path === path)
    .map((line) => line.clientAddress);

it('a direct request with a forged X-Forwarded-For counts under its real address unless it carries the secret', async () => {
  const forged = (extra: Record<string, string> = {}) => fetch(`${origin.url}/api/posts`, { headers: { 'x-forwarded-for': '203.0.113.50', ...extra } });
  const remaining = async (response: Response) => /r=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1];

  expect(await remaining(await forged())).toBe(String(LIMIT - 1));
  expect(await remaining(await forged({ 'x-edge-secret': SECRET.replace(/.$/, '!') }))).toBe(String(LIMIT - 2));
  expect(await remaining(await forged({ 'x-edge-secret': 'short' }))).toBe(String(LIMIT - 3));
  expect(await remaining(await forged({ 'x-edge-secret': SECRET }))).toBe(String(LIMIT - 1)); // 203.0.113.50's own budget
  expect(await remaining(await fetch(`${origin.url}/api/posts`))).toBe(String(LIMIT - 4)); // the real address's budget went on

  await expect.poll(() => loggedAddresses('/api/posts')).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '203.0.113.50', '127.0.0.1']);
});

it('through the edge, the origin counts the client the edge saw, whatever the client wrote in the headers', async () => {
  const response = await fetch(`${edge.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.60', 'x-forwarded-for': '198.51.100.66', 'x-edge-secret': 'a guess' },
    body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' }),
  });
  expect(response.status).toBe(401);
  await expect.poll(() => loggedAddresses('/api/auth/login')).toEqual(['203.0.113.60']);
});
