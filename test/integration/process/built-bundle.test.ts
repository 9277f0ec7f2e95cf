import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode } from '../../../scripts/build.ts';
import { signIn, startService, type ServiceProcess } from './service-process.ts';

// Inside the checkout, so the bundle's package imports resolve from node_modules as dist/'s do.
const OUT = fileURLToPath(new URL(`../../../node_modules/.cache/built-bundle-test-${process.pid}`, import.meta.url));

/** What a module imports statically (`import ... from "x"` at its top), with the chunks it imports followed. */
async function staticImports(file: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = await readFile(file, 'utf8');
  const specifiers = [...text.matchAll(/^import\s[^;]*?from\s*"([^"]+)";?$/gm)].map((match) => match[1] as string);
  const nested = await Promise.all(specifiers.filter((s) => s.startsWith('.')).map((s) => staticImports(join(dirname(file), s), seen)));
  return [...specifiers, ...nested.flat()];
}

describe('npm run build: the bundle npm start and the image run', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    await buildNode(OUT);
    service = await startService({ DATA_DIR: 'memory' }, { bundle: `${OUT}/main.js` });
  }, 120_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exit;
    await rm(OUT, { recursive: true, force: true });
  });

  it('serves the API: ready, sign-in, a signed-in read', async () => {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    const authorization = await signIn(service.url);
    const list = await fetch(`${service.url}/api/users?limit=1`, { headers: { authorization } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { pagination: { total: number } }).pagination.total).toBe(1);
  });

  it('serves /docs with its own assets copied beside the bundle', async () => {
    const page = await (await fetch(`${service.url}/docs`)).text();
    const assets = [...page.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)].map((match) => match[1] as string);
    expect(assets.some((asset) => asset.includes('docs-init.js'))).toBe(true);
    for (const asset of assets) expect((await fetch(`${service.url}${asset}`)).status, asset).toBe(200);
  });

  it('loads the Redis and SMTP clients and the tracing SDK only when configured: they are not static imports of the entry', async () => {
    const imports = await staticImports(`${OUT}/main.js`);
    expect(imports).toContain('hono'); // the scan reads real imports, through the chunks
    expect(imports).toContain('@mikro-orm/core');
    expect(imports).not.toContain('ioredis');
    expect(imports).not.toContain('nodemailer');
    expect(imports.filter((name) => name.startsWith('@opentelemetry/sdk'))).toEqual([]);
  });
});
