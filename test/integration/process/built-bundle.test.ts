import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode } from '../../../scripts/build.ts';
import { signIn, startService, type ServiceProcess } from './service-process.ts';

// Inside the checkout, so the bundle's package imports resolve from node_modules as dist/'s do.
const OUT = fileURLToPath(new URL(`../../../node_modules/.cache/built-bundle-test-${process.pid}`, import.meta.url));

/**
 * The packages imported by the output files loaded at start: the entry, the service it loads at
 * once (src/serve.ts, a dynamic import so that the compile cache is on first), and the chunks they
 * import statically, followed through the chunks; other dynamic imports (lazy chunks) are not.
 */
function packagesLoadedAtStart(metafile: Metafile): Set<string> {
  const loaded = new Set<string>();
  const packages = new Set<string>();
  const visit = (output: string) => {
    if (loaded.has(output)) return;
    loaded.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  for (const [output, { entryPoint }] of Object.entries(metafile.outputs)) if (entryPoint === 'src/main.ts' || entryPoint === 'src/serve.ts') visit(output);
  return packages;
}

describe('npm run build: the bundle npm start and the image run', () => {
  let service: ServiceProcess;
  let metafile: Metafile;

  beforeAll(async () => {
    metafile = await buildNode(OUT);
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

  it('loads the Redis, SMTP and NATS clients and the tracing SDK only when configured: they are not static imports of the entry', () => {
    const packages = packagesLoadedAtStart(metafile);
    expect(packages).toContain('hono'); // the walk reads real imports, through the chunks
    expect(packages).toContain('@mikro-orm/core');
    for (const lazy of ['ioredis', 'nodemailer', '@nats-io/transport-node', '@nats-io/jetstream']) expect(packages).not.toContain(lazy);
    expect([...packages].filter((name) => name.startsWith('@opentelemetry/sdk'))).toEqual([]);
    // Lazy, yet built: a dynamic import's chunk imports them.
    const everything = new Set(Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)));
    for (const lazy of ['ioredis', 'nodemailer', '@nats-io/transport-node']) expect(everything).toContain(lazy);
  });

  it("keeps V8's compiled code in Node's compile cache, in the temporary directory, for the next start", async () => {
    const tmp = `${OUT}-tmp`;
    await mkdir(tmp, { recursive: true });
    try {
      const started = await startService({ DATA_DIR: 'memory', TMPDIR: tmp }, { bundle: `${OUT}/main.js` });
      expect((await fetch(`${started.url}/readyz`)).status).toBe(200);
      started.child.kill('SIGTERM');
      expect(await started.exit).toBe(0);
      const cached = await readdir(join(tmp, 'node-compile-cache'), { recursive: true });
      expect(cached.length).toBeGreaterThan(10);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
