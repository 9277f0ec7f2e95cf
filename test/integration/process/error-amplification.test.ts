import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startService, type ServiceProcess } from './service-process.ts';

/**
 * The amplification attack through the real entry point and real sockets (API.md, Conventions):
 * a 0.98 MB body of 90,000 unknown keys once bought a 4.1 MB 400 naming each one. Now `fields`
 * names at most 20 problems, `message` says how many more, and no error answer exceeds 16 KiB.
 */
const KEYS = 90_000;
const MAX_ERROR_BYTES = 16 * 1024;
const unknownKeys = JSON.stringify(Object.fromEntries(Array.from({ length: KEYS }, (_, i) => [`k${String(i).padStart(5, '0')}`, 1])));

let service: ServiceProcess;
beforeAll(async () => {
  service = await startService({ DATA_DIR: 'memory', RATE_LIMIT_MAX: '1000000', REGISTER_RATE_LIMIT_MAX: '1000000' });
});
afterAll(async () => {
  service?.child.kill('SIGTERM');
  await service?.exit;
});

async function expectBoundedError(res: Response): Promise<void> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(400);
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_ERROR_BYTES);
  const { error } = JSON.parse(text) as { error: { code: string; message: string; fields: Record<string, string> } };
  expect(error.code).toBe('VALIDATION_ERROR');
  expect(Object.keys(error.fields)).toHaveLength(20);
  expect(error.message).toMatch(/\d+ more problems? (were|was) left out/);
}

describe('error responses stay small whatever the request, over real sockets', () => {
  it('answers 90,000 unknown keys in under 16 KiB, 30 such bodies at once, on public and signed-in routes', async () => {
    expect(unknownKeys.length).toBeLessThan(1024 * 1024);
    const authorization = await signIn(service.url);
    const post = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: unknownKeys });

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? post('/api/auth/register') : post('/api/users', { authorization }))),
    );
    for (const res of answers) await expectBoundedError(res);
    // The service is still answering, and none of it was a 500.
    expect((await fetch(`${service.url}/livez`)).status).toBe(200);
    expect(service.lines.filter((line) => line.includes('"status":500'))).toEqual([]);
  });
});
