import { describe, expect, it } from 'vitest';
import { signIn, startService } from './service-process.ts';

/**
 * One codebase for Node and Deno: the very same src/main.ts (erasable TypeScript, web-standard
 * APIs outside the adapters) runs on Deno with the embedded PGlite database, pg_trgm included,
 * jose's Web Crypto signing and scrypt's password check included, and shuts down gracefully on SIGTERM.
 * The production adapters (PostgreSQL, Redis, NATS) on Deno are deno-scenarios.test.ts's.
 */
describe('the entry point on Deno', () => {
  it('serves the API on the embedded database and exits 0 on SIGTERM', { timeout: 240_000 }, async () => {
    const service = await startService({ DATA_DIR: 'memory' }, 'deno');
    try {
      const authorization = await signIn(service.url);
      const created = await fetch(`${service.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ name: 'Deno Dino', email: 'Dino@Example.com' }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('ETag')).toBe('"v1"');
      // The trigram-indexed search and the error envelope, as on Node.
      const found = await fetch(`${service.url}/api/users?search=DINO`, { headers: { authorization } });
      expect(await found.json()).toMatchObject({ data: [{ email: 'dino@example.com' }], pagination: { total: 1 } });
      const bad = await fetch(`${service.url}/api/users?limit=0`, { headers: { authorization } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('limit');
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exit).toBe(0);
    }
    expect(service.lines.some((line) => line.includes('shutdown complete'))).toBe(true);
  });
});
