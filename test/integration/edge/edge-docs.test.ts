import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeAsset, docsAssetFiles } from '../../../src/adapters/http/docs-assets.ts';
import { DOCS_CSP } from '../../../src/adapters/http/docs-routes.ts';
import { startEdge, type EdgeServer } from '../../support/edge-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';

/**
 * /docs under workerd: no disk there, so the bundle carries Swagger UI's files and ours
 * (scripts/edge-docs-assets.ts). The page, each file it links (byte for byte what Node serves,
 * under the same version), and the document it reads.
 */
let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let edge: EdgeServer;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  edge = await startEdge({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'warn' });
}, 120_000);

afterAll(async () => {
  await edge?.stop();
  await testDatabase?.drop();
});

it('GET /docs answers the page with its CSP, linking every file under the version Node gives it', async () => {
  const page = await fetch(`${edge.url}/docs`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
  const html = await page.text();
  for (const { name, path } of docsAssetFiles()) expect(html).toContain(`/docs/assets/${name}?v=${describeAsset(name, readFileSync(path)).version}`);
});

it('each file of the page answers 200 with its content type, byte for byte the one on disk', async () => {
  for (const { name, path } of docsAssetFiles()) {
    const response = await fetch(`${edge.url}/docs/assets/${name}`);
    expect(response.status, name).toBe(200);
    expect(response.headers.get('content-type'), name).toBe(name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
    expect(response.headers.get('cache-control'), name).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path)), name).toBe(true);
  }
  const missing = await fetch(`${edge.url}/docs/assets/index.html`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Route not found' } });
});

it('GET /openapi.json answers the document the page reads', async () => {
  const response = await fetch(`${edge.url}/openapi.json`);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
});
